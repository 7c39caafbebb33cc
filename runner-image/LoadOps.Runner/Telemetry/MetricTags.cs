using LoadOps.Core.Planning;

namespace LoadOps.Runner.Telemetry;

/// <summary>The attributes of the runner's metrics: which run, test, location and shard, then which step and error kind.</summary>
internal static class MetricTags
{
    public const string Run = "loadops.run";
    public const string Test = "loadops.test";
    public const string Location = "loadops.location";
    public const string Shard = "loadops.shard";
    public const string Scenario = "loadops.scenario";
    public const string Step = "loadops.step";
    public const string Kind = "kind";

    public static KeyValuePair<string, object?>[] Of(ShardSpec spec) =>
    [
        new(Run, spec.RunId),
        new(Test, spec.Definition.Name),
        new(Location, spec.Location),
        new(Shard, spec.ShardId),
    ];

    public static KeyValuePair<string, object?>[] ForStep(KeyValuePair<string, object?>[] shard, string scenario, string step) =>
        [.. shard, new(Scenario, scenario), new(Step, step)];

    public static KeyValuePair<string, object?>[] WithKind(KeyValuePair<string, object?>[] step, string kind) =>
        [.. step, new(Kind, kind)];
}
