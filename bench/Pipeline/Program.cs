using System.Globalization;
using LoadOps.Bench.Pipeline;
using LoadOps.Testing;

// Usage (from the repository root, after npm ci):
//   dotnet run -c Release --project bench/Pipeline -- overhead [SHARDS,SHARDS,...] [RUNS]   (default 1,10,100 and 9)
//   dotnet run -c Release --project bench/Pipeline -- real [SHARDS,SHARDS,...] [RUNS]       (default 1,10 and 3; real loadops-runner processes)
//   dotnet run -c Release --project bench/Pipeline -- schedule [COUNT]                      (default 10000)
// Each starts its own in-memory Azurite on free loopback ports, or uses LOADOPS_STORAGE when it is set.
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(30));
var mode = args.Length > 0 ? args[0] : "overhead";
if (mode is not ("overhead" or "real" or "schedule"))
{
    Console.Error.WriteLine("usage: overhead [SHARDS,...] [RUNS] | real [SHARDS,...] [RUNS] | schedule [COUNT]");
    return 2;
}

await using var azurite = Environment.GetEnvironmentVariable("LOADOPS_STORAGE") is null ? await AzuriteProcess.StartAsync(dataFolder: null, cancel.Token) : null;
var cpu = new CpuClock(azurite?.ProcessId);
var storage = Environment.GetEnvironmentVariable("LOADOPS_STORAGE") ?? azurite!.ConnectionString;
Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, storage: {(azurite is null ? "LOADOPS_STORAGE" : "Azurite in memory (pid " + azurite.ProcessId + ")")}");
if (mode == "overhead")
{
    var shards = args.Length > 1 ? args[1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() : [1, 10, 100];
    var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 9;
    await OverheadBenchmark.RunAsync(storage, cpu, shards, runs, cancel.Token);
}
else if (mode == "real")
{
    var shards = args.Length > 1 ? args[1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList() : [1, 10];
    var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
    if (runs < 1 || shards.Any(n => n < 1))
    {
        Console.Error.WriteLine("usage: real [SHARDS,...] [RUNS]: shard counts and runs from 1");
        return 2;
    }
    await RealRunnersBenchmark.RunAsync(storage, cpu, shards, runs, cancel.Token);
}
else
{
    await ScheduleBenchmark.RunAsync(storage, cpu, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000, cancel.Token);
}
return 0;
