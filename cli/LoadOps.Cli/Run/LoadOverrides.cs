using System.Globalization;
using LoadOps.Core.Definitions;
using LoadOps.Core.Policy;

namespace LoadOps.Cli.Run;

/// <summary>
/// <c>--rate</c>, <c>--users</c> and <c>--duration</c>: the definition's stages scaled so the peak rate (open model),
/// the peak users (closed model) or the total duration is the one given, keeping the shape of the ramps; still under
/// the policy's caps. What was overridden is recorded in the result (<c>settings.overrides</c>).
/// </summary>
internal static class LoadOverrides
{
    public sealed record Applied(LoadTestDefinition Definition, IReadOnlyDictionary<string, string> Overrides);

    /// <summary>The adjusted definition, or null with <paramref name="problem"/> naming the option and the fix.</summary>
    public static Applied? Apply(LoadTestDefinition definition, RunOptions options, LoadPolicy policy, out string? problem)
    {
        problem = null;
        var overrides = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var load = definition.Load;
        if (options.Rate is { } rate)
        {
            if (load.Model != LoadModel.Open || rate <= 0 || rate > policy.MaxTotalRate)
            {
                problem = load.Model != LoadModel.Open
                    ? "--rate is for the open model; this test is closed (use --users)"
                    : $"--rate must be above 0 and at most the policy's maxTotalRate ({policy.MaxTotalRate.ToString(CultureInfo.InvariantCulture)} arrivals/s)";
                return null;
            }
            load = Scale(load, rate / load.PeakTarget, whole: false);
            overrides["rate"] = rate.ToString(CultureInfo.InvariantCulture);
        }
        if (options.Users is { } users)
        {
            if (load.Model != LoadModel.Closed || users < 1 || users > policy.MaxTotalUsers)
            {
                problem = load.Model != LoadModel.Closed
                    ? "--users is for the closed model; this test is open (use --rate)"
                    : $"--users must be between 1 and the policy's maxTotalUsers ({policy.MaxTotalUsers})";
                return null;
            }
            load = Scale(load, users / load.PeakTarget, whole: true);
            overrides["users"] = users.ToString(CultureInfo.InvariantCulture);
        }
        if (options.Duration is { } text)
        {
            if (!DurationText.TryParse(text, out var duration) || duration < TimeSpan.FromSeconds(1) || duration > policy.MaxDuration)
            {
                problem = $"--duration '{text}' must be a duration such as 30s or 2m, from 1s to the policy's maxDuration ({DurationText.Format(policy.MaxDuration)})";
                return null;
            }
            var factor = duration / load.TotalDuration;
            load = load with { Stages = [.. load.Stages.Select(s => s with { Duration = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (long)(s.Duration.Ticks * factor))) })] };
            overrides["duration"] = DurationText.Format(duration);
        }
        return new Applied(definition with { Load = load }, overrides);
    }

    private static LoadSpec Scale(LoadSpec load, double factor, bool whole) =>
        load with { Stages = [.. load.Stages.Select(s => s with { Target = whole ? Math.Round(s.Target * factor) : s.Target * factor })] };
}
