namespace LoadOps.Core.Reports.Charts;

/// <summary>A zero-based value axis whose ticks fall on round numbers (1, 2, 2.5 or 5 times a power of ten).</summary>
internal sealed record NiceScale(double Max, double Step)
{
    /// <param name="maxValue">The largest value to show.</param>
    /// <param name="targetTicks">About how many steps the axis should have.</param>
    /// <param name="wholeNumbers">Counts: ticks on whole numbers only.</param>
    public static NiceScale For(double maxValue, int targetTicks = 4, bool wholeNumbers = false)
    {
        if (!(maxValue > 0) || double.IsInfinity(maxValue))
            return new NiceScale(1, 0.25);
        var rough = wholeNumbers ? Math.Max(1, maxValue / targetTicks) : maxValue / targetTicks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 2.5, 5, 10 }
            .Select(f => f * magnitude)
            .Where(s => !wholeNumbers || s == Math.Floor(s))
            .First(s => s >= rough);
        return new NiceScale(Math.Ceiling(maxValue / step) * step, step);
    }

    public IEnumerable<double> Ticks()
    {
        var count = (int)Math.Round(Max / Step);
        for (var i = 0; i <= count; i++)
            yield return i * Step;
    }
}
