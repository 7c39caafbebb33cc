using System.Diagnostics;
using System.Globalization;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Pipeline;

namespace LoadOps.Bench.Pipeline;

/// <summary>
/// The schedule timer with many registered schedules: the time and storage calls of registering them (one upsert
/// each, as the registrar does), and of ticks (list, last-fired look-ups, claims of the due ones, sending their run
/// requests). Schedule i runs hourly at minute i mod 60, so about 1/60 of them fall due at each minute.
/// </summary>
internal static class ScheduleBenchmark
{
    public static async Task RunAsync(string connectionString, CpuClock cpu, int count, CancellationToken cancellationToken)
    {
        var clients = StorageClients.FromConnectionString(connectionString, new StorageNames($"s{Environment.TickCount64 % 100000}"));
        await new StorageProvisioner(clients).EnsureCreatedAsync(cancellationToken);
        var store = new ScheduleStore(clients, TimeProvider.System);
        var stage = new ScheduleStage(store);
        var sender = new StageSender(clients);
        using var counter = new StorageCallCounter();

        var registration = await MeasureAsync(counter, cpu, async () =>
        {
            for (var i = 0; i < count; i++)
            {
                await store.RegisterAsync(new ScheduleRecord
                {
                    Key = $"bench/repo-{i / 100}|main|test-{i}|{i % 60} * * * *|UTC",
                    Repo = $"bench/repo-{i / 100}",
                    TestName = $"test-{i}",
                    Branch = "main",
                    Cron = $"{i % 60} * * * *",
                    TimeZone = "UTC",
                    DefinitionPath = $"loadtests/test-{i}.loadtest.yaml",
                }, cancellationToken);
            }
            return 0;
        });
        Report($"register {count} schedules (sequential upserts)", registration);

        var minute = new DateTimeOffset(2026, 11, 23, 10, 7, 20, TimeSpan.Zero);
        for (var tick = 0; tick < 3; tick++)
        {
            var now = minute.AddMinutes(tick);
            var measured = await MeasureAsync(counter, cpu, async () =>
            {
                var outcome = await stage.TickAsync(now, cancellationToken);
                await sender.SendAsync(outcome, cancellationToken);
                return outcome.Next.OfType<RunRequest>().Count();
            });
            Report($"tick {tick + 1} at {now:HH:mm:ss} ({(tick == 0 ? "no schedule fired before" : "after a tick a minute earlier")})", measured);
        }
    }

    private static async Task<(double Milliseconds, double CpuMilliseconds, long Calls, int Due)> MeasureAsync(StorageCallCounter counter, CpuClock cpu, Func<Task<int>> work)
    {
        var calls = counter.Requests;
        var cpuBefore = cpu.Now();
        var clock = Stopwatch.StartNew();
        var due = await work();
        return (clock.Elapsed.TotalMilliseconds, (cpu.Now() - cpuBefore).TotalMilliseconds, counter.Requests - calls, due);
    }

    private static void Report(string what, (double Milliseconds, double CpuMilliseconds, long Calls, int Due) m) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: {m.Milliseconds:F0} ms wall, {m.CpuMilliseconds:F0} ms CPU (bench + Azurite), {m.Calls} storage calls, {m.Due} run(s) started"));
}
