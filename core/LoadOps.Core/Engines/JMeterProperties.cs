using System.Globalization;
using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;

namespace LoadOps.Core.Engines;

/// <summary>
/// The JMeter properties (<c>-Jname=value</c>) a shard hands to the team's plan, which reads them with
/// <c>${__P(name,default)}</c>: its share of the users and the schedule, split exactly like LoadOps' own load
/// (<see cref="LoadShare"/>), and the target from <c>target.baseUrl</c> (so <c>--target</c> and the policy apply).
/// The convention is documented in docs/definitions.md ("engine: jmeter").
/// </summary>
public static class JMeterProperties
{
    public static IReadOnlyList<KeyValuePair<string, string>> For(ShardSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var share = LoadShare.For(spec.Definition.Load, spec.ShardIndex, spec.ShardCount);
        var target = new Uri(spec.Definition.Target.BaseUrl);
        return
        [
            Pair("threads", Threads(spec)),
            Pair("rampup", WholeSeconds(RampUp(share))),
            Pair("duration", WholeSeconds(share.TotalDuration)),
            Pair("protocol", target.Scheme),
            Pair("host", target.Host),
            Pair("port", target.Port),
            Pair("path", target.AbsolutePath.TrimEnd('/')),
            Pair("shard", spec.ShardIndex),
            Pair("shards", spec.ShardCount),
        ];
    }

    /// <summary>This shard's share of the peak users; 0 when there are fewer users than shards.</summary>
    public static long Threads(ShardSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return (long)LoadShare.For(spec.Definition.Load, spec.ShardIndex, spec.ShardCount).PeakTarget;
    }

    /// <summary>Until the stage that first reaches the peak has ended: stages ramp linearly from the previous value, as JMeter's ramp-up does.</summary>
    private static TimeSpan RampUp(LoadSpec load)
    {
        var elapsed = TimeSpan.Zero;
        foreach (var stage in load.Stages)
        {
            elapsed += stage.Duration;
            if (stage.Target >= load.PeakTarget)
                return elapsed;
        }
        return elapsed;
    }

    private static long WholeSeconds(TimeSpan span) => (long)Math.Ceiling(span.TotalSeconds);

    private static KeyValuePair<string, string> Pair(string name, long value) => new(name, value.ToString(CultureInfo.InvariantCulture));

    private static KeyValuePair<string, string> Pair(string name, string value) => new(name, value);
}
