using System.Globalization;
using LoadOps.Core.Definitions;
using Spectre.Console;

namespace LoadOps.Cli.Run;

/// <summary>
/// Shows a run while it loads: a live table per shard and overall on a terminal, one plain line every ten seconds
/// when the output is a file or a CI log.
/// </summary>
internal sealed class RunProgress(TextWriter output, bool interactive, TimeProvider clock)
{
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(10);

    public async Task WatchAsync(IReadOnlyList<LocalShardProcess> shards, DateTimeOffset startAt, TimeSpan duration, Task finished, CancellationToken cancellationToken)
    {
        if (!interactive)
        {
            while (!await WaitAsync(finished, PlainEvery, cancellationToken))
                await output.WriteLineAsync(Line(await LiveFigures.ReadAsync(shards, cancellationToken), startAt, duration));
            // One last look at the runners' final files: the progress ends on the numbers the result has.
            await output.WriteLineAsync(Line(await LiveFigures.ReadAsync(shards, CancellationToken.None), startAt, duration, done: true));
            return;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        await console.Live(new Table()).AutoClear(false).StartAsync(async live =>
        {
            do
            {
                live.UpdateTarget(Table(shards, await LiveFigures.ReadAsync(shards, cancellationToken), startAt, duration));
                live.Refresh();
            }
            while (!await WaitAsync(finished, TimeSpan.FromSeconds(1), cancellationToken));
            live.UpdateTarget(Table(shards, await LiveFigures.ReadAsync(shards, CancellationToken.None), startAt, duration, done: true));
            live.Refresh();
        });
    }

    private async Task<bool> WaitAsync(Task finished, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await finished.WaitAsync(delay, clock, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    private string Elapsed(DateTimeOffset startAt, TimeSpan duration, bool done)
    {
        var elapsed = clock.GetUtcNow() - startAt;
        if (done)
            return "done";
        if (elapsed < TimeSpan.Zero)
            return $"starting in {Math.Ceiling(-elapsed.TotalSeconds).ToString(CultureInfo.InvariantCulture)}s";
        // Past the schedule the runners only wait for requests still in flight.
        if (elapsed > duration)
            return $"draining after {DurationText.Format(duration)}";
        return $"{Seconds(elapsed)} of {DurationText.Format(duration)}";
    }

    /// <summary>Whole seconds, 0 included ("0s", not the "0us" a zero duration formats as).</summary>
    private static string Seconds(TimeSpan elapsed) => ((long)elapsed.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";

    private string Line(LiveFigures figures, DateTimeOffset startAt, TimeSpan duration, bool done = false) =>
        $"  {Elapsed(startAt, duration, done)}: {Figures(figures)}";

    /// <summary>The same totals the final summary shows, as far as the runners' files go (<c>through</c> the newest one).</summary>
    private static string Figures(LiveFigures figures) => string.Create(CultureInfo.InvariantCulture,
        $"{figures.Iterations:N0} iterations, {figures.Requests:N0} requests, {figures.Errors:N0} errors, {figures.Dropped:N0} dropped, {Rate(figures.Rps)} rps, p95 {Latency(figures.P95)}{Through(figures)}");

    private static string Through(LiveFigures figures) => figures.Through is { } end ? $" (through {end:HH:mm:ss})" : "";

    private Table Table(IReadOnlyList<LocalShardProcess> shards, LiveFigures figures, DateTimeOffset startAt, TimeSpan duration, bool done = false)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]load[/] {Markup.Escape(Elapsed(startAt, duration, done))}");
        table.AddColumns("shard", "state");
        foreach (var shard in shards)
        {
            var state = shard.HasExited
                ? shard.ExitCode == 0 ? "[green]done[/]" : $"[yellow]ended ({shard.ExitCode})[/]"
                : File.Exists(shard.ResultPath) ? "[blue]running[/]" : "waiting";
            table.AddRow(Markup.Escape(shard.Spec.ShardId), state);
        }
        table.Caption(Markup.Escape(Figures(figures)));
        return table;
    }

    private static string Rate(double? rps) => rps is { } value ? value.ToString("0.#", CultureInfo.InvariantCulture) : "-";

    private static string Latency(double? microseconds) => microseconds is { } value ? DurationText.FormatMicroseconds(value) : "-";
}
