using LoadOps.SampleTarget;

if (!SampleTargetApp.TryParseArguments(args, Environment.GetEnvironmentVariable, out var url, out var faults, out var problem))
{
    await Console.Error.WriteLineAsync("error: " + problem);
    return 2;
}
var (app, _) = SampleTargetApp.Build(url, faults);
await Console.Out.WriteLineAsync($"sample target on {url}: latency {faults.LatencyMs} ms ± {faults.JitterMs} ms, error rate {faults.ErrorRate}");
await app.RunAsync();
return 0;
