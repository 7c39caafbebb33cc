using System.Security.Cryptography;
using System.Text.RegularExpressions;
using LoadOps.Cli.Serve;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Scheduling;
using LoadOps.Pipeline;
using Microsoft.Extensions.Time.Testing;

namespace LoadOps.IntegrationTests.Serve;

/// <summary>
/// The schedule timer as <c>loadops serve</c> drives it (register, tick, send), on a fake clock: a serve that was
/// away for several occurrences starts one run, and two serves on the same storage start each due run once. Runs are
/// counted by the run requests the validate stage handled, so a duplicate request would show even though its run id
/// is the same.
/// </summary>
public sealed partial class ServeScheduleTests(AzuriteFixture azurite)
{
    private const string TestName = "hourly";
    private const string Cron = "0 * * * *";
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 30, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_serve_that_missed_several_ticks_starts_one_run_for_the_latest()
    {
        using var repo = Repository();
        var clients = await azurite.NewClientsAsync(Ct);
        var clock = new FakeTimeProvider(Start);
        var output = new StringWriter();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var serving = new ServeHost(Options(repo.Root, clients), output, clock).RunAsync(stop.Token);
        try
        {
            await DriveAsync(clock, () => RequestsHandled(output) >= 1, output);
            clock.Advance(TimeSpan.FromHours(5)); // 11:00, 12:00, 13:00, 14:00 and 15:00 fall due while "away"
            await DriveAsync(clock, () => RequestsHandled(output) >= 2, output);
            await DriveAsync(clock, () => false, output, steps: 100); // 50 more seconds of ticks: nothing new is due

            Assert.True(RequestsHandled(output) == 2, Text(output));
            var runs = new RunStore(clients, TimeProvider.System);
            Assert.NotNull(await runs.GetAsync(RunIdAt(repo, Start.AddSeconds(-30)), Ct));
            Assert.NotNull(await runs.GetAsync(RunIdAt(repo, Start.AddHours(5).AddSeconds(-30)), Ct));
            for (var hour = 1; hour < 5; hour++)
                Assert.Null(await runs.GetAsync(RunIdAt(repo, Start.AddHours(hour).AddSeconds(-30)), Ct));
        }
        finally
        {
            await stop.CancelAsync();
            await serving;
        }
    }

    [Fact]
    public async Task Two_serves_on_the_same_storage_start_each_due_run_once()
    {
        using var repo = Repository();
        var clients = await azurite.NewClientsAsync(Ct);
        var clock = new FakeTimeProvider(Start);
        var (first, second) = (new StringWriter(), new StringWriter());
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var serving = Task.WhenAll(
            new ServeHost(Options(repo.Root, clients), first, clock).RunAsync(stop.Token),
            new ServeHost(Options(repo.Root, clients), second, clock).RunAsync(stop.Token));
        try
        {
            await DriveAsync(clock, () => RequestsHandled(first) + RequestsHandled(second) >= 1, first);
            await DriveAsync(clock, () => false, first, steps: 100);
            clock.Advance(TimeSpan.FromHours(1));
            await DriveAsync(clock, () => RequestsHandled(first) + RequestsHandled(second) >= 2, first);
            await DriveAsync(clock, () => false, first, steps: 100);

            var both = Text(first) + Text(second);
            Assert.True(RequestsHandled(first) + RequestsHandled(second) == 2, both);
            Assert.True(ScheduleLog().Matches(both).Count == 2, both);
        }
        finally
        {
            await stop.CancelAsync();
            await serving;
        }
    }

    private ServeOptions Options(string repo, StorageClients clients) => new(azurite.ConnectionString, repo, Path.Combine(repo, "out"))
    {
        NamePrefix = clients.Names.Prefix,
        PollInterval = TimeSpan.FromMilliseconds(500),
        ScheduleInterval = TimeSpan.FromSeconds(20),
    };

    private static string RunIdAt(TempDefinitions repo, DateTimeOffset due) =>
        RunIds.For(ScheduleStage.RequestFor(new ScheduleEntry(ServeHost.LocalRepository, "main", TestName, repo.Path, Cron, "UTC"), due).RequestId, TestName);

    /// <summary>Advances the fake clock one poll interval at a time (letting the serve loops run) until the condition holds.</summary>
    private static async Task DriveAsync(FakeTimeProvider clock, Func<bool> condition, StringWriter output, int steps = 600)
    {
        for (var i = 0; i < steps; i++)
        {
            if (condition())
                return;
            clock.Advance(TimeSpan.FromMilliseconds(500));
            await Task.Delay(50, Ct);
        }
        if (steps == 600)
            throw new TimeoutException("The serve loop did not get there. It said:" + Environment.NewLine + Text(output));
    }

    private static int RequestsHandled(StringWriter output) => RequestLog().Matches(Text(output)).Count;

    private static string Text(StringWriter writer)
    {
        lock (writer)
            return writer.ToString();
    }

    [GeneratedRegex(@"Request schedule-[0-9a-f]+:")]
    private static partial Regex RequestLog();

    [GeneratedRegex(@"schedule: 1 scheduled run\(s\) due")]
    private static partial Regex ScheduleLog();

    private static TempDefinitions Repository() => new($$"""
        version: 1
        name: {{TestName}}
        target: { baseUrl: http://127.0.0.1:9 }
        load: { model: open, stages: [ { duration: 2s, rate: 5 } ] }
        scenarios:
          - name: browse
            steps:
              - { name: home, request: GET / }
        runners: [ { location: azure/westeurope, count: 1 } ]
        schedule:
          - { cron: "{{Cron}}", timezone: UTC }
        """);

    /// <summary>A repository folder with one scheduled definition (its runner location is one serve refuses, so no load runs).</summary>
    private sealed class TempDefinitions : IDisposable
    {
        public TempDefinitions(string text)
        {
            Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "loadops-sched-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
            Directory.CreateDirectory(System.IO.Path.Combine(Root, "loadtests"));
            File.WriteAllText(System.IO.Path.Combine(Root, Path), text);
        }

        public string Root { get; }
        public string Path => "loadtests/hourly.loadtest.yaml";

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
