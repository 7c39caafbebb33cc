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

    private string Elapsed(DateTimeOffset startAt, TimeSpan duration)
    {
        var elapsed = clock.GetUtcNow() - startAt;
        return elapsed < TimeSpan.Zero
            ? $"starting in {Math.Ceiling(-elapsed.TotalSeconds).ToString(CultureInfo.InvariantCulture)}s"
            : $"{DurationText.Format(TimeSpan.FromSeconds(Math.Floor(elapsed.TotalSeconds)))} of {DurationText.Format(duration)}";
    }

    private string Line(LiveFigures figures, DateTimeOffset startAt, TimeSpan duration) => string.Create(CultureInfo.InvariantCulture,
        $"  {Elapsed(startAt, duration)}: {figures.Requests:N0} requests, {figures.Errors:N0} errors, {Rate(figures.Rps)} rps, p95 {Latency(figures.P95)}");

    private Table Table(IReadOnlyList<LocalShardProcess> shards, LiveFigures figures, DateTimeOffset startAt, TimeSpan duration)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"[bold]load[/] {Markup.Escape(Elapsed(startAt, duration))}");
        table.AddColumns("shard", "state");
        foreach (var shard in shards)
        {
            var state = shard.HasExited
                ? shard.ExitCode == 0 ? "[green]done[/]" : $"[yellow]ended ({shard.ExitCode})[/]"
                : File.Exists(shard.ResultPath) ? "[blue]running[/]" : "waiting";
            table.AddRow(Markup.Escape(shard.Spec.ShardId), state);
        }
        table.Caption(string.Create(CultureInfo.InvariantCulture,
            $"{figures.Requests:N0} requests · {figures.Errors:N0} errors · {Rate(figures.Rps)} rps · p95 {Latency(figures.P95)}"));
        return table;
    }

    private static string Rate(double? rps) => rps is { } value ? value.ToString("0.#", CultureInfo.InvariantCulture) : "-";

    private static string Latency(double? microseconds) => microseconds is { } value ? DurationText.FormatMicroseconds(value) : "-";
}
