using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using LoadOps.Runner.Execution;
using LoadOps.Runner.Http;

namespace LoadOps.Runner.Tests;

/// <summary>Definitions and shard specs built in code, and a way to run them in-process and read the figures.</summary>
internal static class TestShards
{
    public static StepSpec Get(string name, string path, ExpectSpec? expect = null, params ExtractSpec[] extract) =>
        new() { Name = name, Method = "GET", Path = path, Expect = expect, Extract = extract };

    public static LoadTestDefinition Definition(string baseUrl, LoadSpec load, params ScenarioSpec[] scenarios) => new()
    {
        Name = "runner-test",
        Target = new TargetSpec { BaseUrl = baseUrl, Timeout = TimeSpan.FromSeconds(5) },
        Load = load,
        Scenarios = scenarios,
    };

    public static LoadSpec Open(params (double Seconds, double Rate)[] stages) => new()
    {
        Model = LoadModel.Open,
        Stages = stages.Select(s => new StageSpec(TimeSpan.FromSeconds(s.Seconds), s.Rate)).ToList(),
    };

    /// <summary>A constant rate from the first instant: a zero-length ramp is not allowed, so a 1 ms step up.</summary>
    public static LoadSpec Steady(double seconds, double rate) => new()
    {
        Model = LoadModel.Open,
        Stages = [new StageSpec(TimeSpan.FromMilliseconds(1), rate), new StageSpec(TimeSpan.FromSeconds(seconds), rate)],
    };

    public static LoadSpec Closed(params (double Seconds, double Users)[] stages) => new()
    {
        Model = LoadModel.Closed,
        Stages = stages.Select(s => new StageSpec(TimeSpan.FromSeconds(s.Seconds), s.Users)).ToList(),
    };

    public static ShardSpec Spec(LoadTestDefinition definition, TimeSpan? interval = null, int index = 0, int count = 1) => new()
    {
        RunId = "run-test",
        ShardId = $"run-test-s{index:000}",
        ShardIndex = index,
        ShardCount = count,
        Location = "local",
        StartAt = DateTimeOffset.UtcNow,
        Definition = definition,
        DefinitionHash = "sha256:test",
        Interval = interval ?? TimeSpan.FromSeconds(1),
        Deadline = DateTimeOffset.UtcNow.AddMinutes(1),
    };

    public static async Task<(ResultFile Result, string Output)> RunAsync(
        ShardSpec spec, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default,
        HttpTransportKind? transport = null)
    {
        var output = new StringWriter();
        var directory = Directory.CreateTempSubdirectory("loadops-runner-test-").FullName;
        var run = await ShardRunner.RunAsync(spec, directory, cancellationToken, new ShardRunnerOptions
        {
            Output = TextWriter.Synchronized(output),
            Environment = name => environment?.GetValueOrDefault(name),
            Transport = transport,
        });
        Assert.True(run.Started, string.Join("; ", run.Errors));
        return (run.Result!, output.ToString());
    }

    public static long Total(this ResultFile result, string? step = null) =>
        result.Steps.Where(s => step is null || s.Step == step).SelectMany(s => s.Intervals).Sum(i => i.Total);

    public static long Ok(this ResultFile result, string? step = null) =>
        result.Steps.Where(s => step is null || s.Step == step).SelectMany(s => s.Intervals).Sum(i => i.Ok);

    public static FailureCounts Failed(this ResultFile result, string? step = null) =>
        result.Steps.Where(s => step is null || s.Step == step).SelectMany(s => s.Intervals)
            .Aggregate(FailureCounts.None, (sum, i) => sum.Add(i.Failed));

    /// <summary>Failed requests by error kind, summed over intervals.</summary>
    public static IReadOnlyDictionary<string, long> Errors(this ResultFile result, string? step = null) =>
        result.Steps.Where(s => step is null || s.Step == step).SelectMany(s => s.Intervals).SelectMany(i => i.Errors ?? new Dictionary<string, long>())
            .GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));

    /// <summary>Responses by status code, summed over intervals.</summary>
    public static IReadOnlyDictionary<string, long> StatusCodes(this ResultFile result, string? step = null) =>
        result.Steps.Where(s => step is null || s.Step == step).SelectMany(s => s.Intervals).SelectMany(i => i.StatusCodes ?? new Dictionary<string, long>())
            .GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));

    /// <summary>The sample messages kept for <paramref name="kind"/> in any interval.</summary>
    public static IReadOnlyList<string> Samples(this ResultFile result, string kind) =>
        [.. result.Steps.SelectMany(s => s.Intervals).Select(i => i.ErrorSamples?.GetValueOrDefault(kind)).OfType<string>()];

    public static HdrHistogram.LongHistogram Latencies(this ResultFile result, string? step = null)
    {
        var merged = HistogramCodec.Create();
        foreach (var interval in result.Steps.Where(s => step is null || s.Step == step).SelectMany(s => s.Intervals))
            merged.Add(HistogramCodec.Decode(interval.Histogram));
        return merged;
    }
}
