using LoadOps.Core.Definitions;

namespace LoadOps.Core.Planning;

/// <summary>
/// The load over time: each stage ramps linearly from the previous stage's value (0 before the first) to its
/// target. Gives the value at an instant, the arrivals due by an instant (the integral of the rate) and the
/// instant of the n-th arrival (its inverse), so an open-model schedule never depends on responses.
/// </summary>
public sealed class LoadCurve
{
    private readonly Segment[] _segments;

    public LoadCurve(IReadOnlyList<StageSpec> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        _segments = new Segment[stages.Count];
        double from = 0, start = 0, area = 0;
        for (var i = 0; i < stages.Count; i++)
        {
            var length = stages[i].Duration.TotalSeconds;
            _segments[i] = new Segment(start, length, from, stages[i].Target, area);
            area += (from + stages[i].Target) / 2 * length;
            start += length;
            from = stages[i].Target;
        }
        Duration = TimeSpan.FromSeconds(start);
        TotalArrivals = area;
    }

    public TimeSpan Duration { get; }

    /// <summary>The integral of the curve over its whole duration: the arrivals of an open-model schedule.</summary>
    public double TotalArrivals { get; }

    /// <summary>The value (rate or users) at <paramref name="elapsed"/> since the start; 0 outside the stages.</summary>
    public double ValueAt(TimeSpan elapsed)
    {
        var t = elapsed.TotalSeconds;
        foreach (var s in _segments)
        {
            if (t >= s.Start && t < s.Start + s.Length)
                return s.From + ((s.To - s.From) * (t - s.Start) / s.Length);
        }
        return 0;
    }

    /// <summary>The integral of the curve from the start to <paramref name="elapsed"/>.</summary>
    public double ArrivalsBy(TimeSpan elapsed)
    {
        var t = elapsed.TotalSeconds;
        if (t <= 0)
            return 0;
        foreach (var s in _segments)
        {
            if (t < s.Start + s.Length)
            {
                var tau = t - s.Start;
                return s.AreaBefore + (s.From * tau) + ((s.To - s.From) / (2 * s.Length) * tau * tau);
            }
        }
        return TotalArrivals;
    }

    /// <summary>
    /// When the arrival numbered <paramref name="n"/> (from 0) is due: the instant where <see cref="ArrivalsBy"/>
    /// reaches n. Null when the schedule ends before it.
    /// </summary>
    public TimeSpan? TimeOfArrival(long n)
    {
        if (n < 0 || n >= TotalArrivals)
            return null;
        foreach (var s in _segments)
        {
            var areaAfter = s.AreaBefore + ((s.From + s.To) / 2 * s.Length);
            if (n >= areaAfter || s.Length <= 0)
                continue;
            // slope/2 τ² + from τ − need = 0; the smallest root in [0, length], in the form that stays exact when
            // the slope is zero or tiny: τ = 2·need / (from + √(from² + 2·slope·need)).
            var need = n - s.AreaBefore;
            var slope = (s.To - s.From) / s.Length;
            var root = Math.Sqrt(Math.Max(0, (s.From * s.From) + (2 * slope * need)));
            var tau = s.From + root > 0 ? 2 * need / (s.From + root) : 0;
            return TimeSpan.FromSeconds(s.Start + Math.Clamp(tau, 0, s.Length));
        }
        return null;
    }

    private readonly record struct Segment(double Start, double Length, double From, double To, double AreaBefore);
}
