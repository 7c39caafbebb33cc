using System.Security.Cryptography;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Pipeline;

/// <summary>The schedule timer: due ticks start runs exactly once, even with two timers ticking at the same moment.</summary>
public sealed class ScheduleStageTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_timers_ticking_together_start_one_run_per_due_occurrence()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        var store = new ScheduleStore(clients, TimeProvider.System);
        await store.RegisterAsync(new ScheduleRecord
        {
            Key = "local|main|nightly|* * * * *|UTC", Repo = "local", TestName = "nightly", Branch = "main",
            Cron = "* * * * *", DefinitionPath = "loadtests/nightly.loadtest.yaml",
        }, Ct);
        var first = new ScheduleStage(new ScheduleStore(clients, TimeProvider.System));
        var second = new ScheduleStage(new ScheduleStore(clients, TimeProvider.System));
        var now = new DateTimeOffset(2026, 11, 23, 10, 0, 30, TimeSpan.Zero);

        var started = (await first.TickAsync(now, Ct)).Next.Concat((await second.TickAsync(now, Ct)).Next).ToList();
        var again = await first.TickAsync(now, Ct);
        var nextMinute = (await second.TickAsync(now.AddMinutes(1), Ct)).Next.Concat((await first.TickAsync(now.AddMinutes(1), Ct)).Next).ToList();

        var request = Assert.IsType<RunRequest>(Assert.Single(started));
        Assert.Equal(RunTrigger.Schedule, request.Trigger);
        Assert.Equal("nightly", request.TestName);
        Assert.Equal("main", request.Branch);
        Assert.Empty(again.Next);
        var later = Assert.IsType<RunRequest>(Assert.Single(nextMinute));
        Assert.NotEqual(request.RequestId, later.RequestId);
    }

    [Fact]
    public async Task The_registrar_registers_the_schedules_of_valid_definitions_on_their_baseline_branch()
    {
        var repo = Path.Combine(Path.GetTempPath(), "loadops-sched-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        Directory.CreateDirectory(Path.Combine(repo, "loadtests"));
        await File.WriteAllTextAsync(Path.Combine(repo, "loadtests", "n.loadtest.yaml"), """
            version: 1
            name: nightly
            target: { baseUrl: http://127.0.0.1:5080 }
            load: { model: open, stages: [ { duration: 3s, rate: 5 } ] }
            scenarios:
              - name: browse
                steps:
                  - { name: home, request: GET / }
            baseline: { branch: release, runs: 3 }
            schedule:
              - { cron: "0 3 * * *", timezone: Europe/Paris }
            """, Ct);
        try
        {
            var clients = await azurite.NewClientsAsync(Ct);
            var store = new ScheduleStore(clients, TimeProvider.System);
            var registrar = new ScheduleRegistrar(new DefinitionLoader(new LocalDefinitionSource(repo)), store);

            Assert.Equal(1, await registrar.RegisterAsync("local", Ct));
            Assert.Equal(1, await registrar.RegisterAsync("local", Ct));

            var schedule = Assert.Single(await store.ListAsync(Ct));
            Assert.Equal(("nightly", "release", "0 3 * * *", "Europe/Paris", "loadtests/n.loadtest.yaml"),
                (schedule.TestName, schedule.Branch, schedule.Cron, schedule.TimeZone, schedule.DefinitionPath));
        }
        finally
        {
            Directory.Delete(repo, recursive: true);
        }
    }
}
