namespace LoadOps.Core.Regression;

/// <summary>
/// E-divisive means (Matteson and James, 2014), the change-point method behind MongoDB's and Apache Otava's
/// performance CI. For a split at τ of a segment into X (before) and Y (after), the divergence
/// Q = m·n/(m+n) · (2·mean|X−Y| − mean|X−X'| − mean|Y−Y'|) (distance exponent 1) is large when the two sides differ
/// in distribution. The best split of the segment with the largest Q is tested by permutation: the series of that
/// segment is shuffled, the best Q recomputed, and p = (1 + #shuffles at least as large) / (1 + shuffles). A
/// significant split is kept and both sides are searched again, until no split is significant. Cost per scan is
/// O(length²) with running sums.
/// </summary>
public static class ChangePointDetector
{
    public static IReadOnlyList<ChangePoint> Detect(IReadOnlyList<double> values, IReadOnlyList<string> labels, ChangePointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != values.Count)
            throw new ArgumentException("Every value needs a label.", nameof(labels));
        options ??= new ChangePointOptions();
        var random = new Random(options.Seed);
        var splits = new List<(int Index, double P)>();
        var segments = new List<(int Start, int End)> { (0, values.Count) };
        while (true)
        {
            var best = segments
                .Select(s => (Segment: s, Split: BestSplit(Slice(values, s), options.MinimumSegment)))
                .Where(x => x.Split.Index > 0)
                .OrderByDescending(x => x.Split.Q)
                .FirstOrDefault();
            if (best.Split.Index <= 0)
                break;
            var p = PermutationP(Slice(values, best.Segment), best.Split.Q, options, random);
            if (p >= options.Significance)
                break;
            var at = best.Segment.Start + best.Split.Index;
            splits.Add((at, p));
            segments.Remove(best.Segment);
            segments.Add((best.Segment.Start, at));
            segments.Add((at, best.Segment.End));
        }

        var bounds = splits.Select(s => s.Index).Order().ToList();
        return [.. splits.OrderBy(s => s.Index).Select(s =>
        {
            var k = bounds.IndexOf(s.Index);
            var from = k == 0 ? 0 : bounds[k - 1];
            var to = k == bounds.Count - 1 ? values.Count : bounds[k + 1];
            return new ChangePoint(s.Index, labels[s.Index], s.P, Mean(values, from, s.Index), Mean(values, s.Index, to));
        })];
    }

    /// <summary>The strongest split of the whole series with its permutation p, significant or not; null when the series is too short to split.</summary>
    public static ChangePoint? Strongest(IReadOnlyList<double> values, IReadOnlyList<string> labels, ChangePointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(labels);
        options ??= new ChangePointOptions();
        var all = Slice(values, (0, values.Count));
        var (index, q) = BestSplit(all, options.MinimumSegment);
        if (index <= 0)
            return null;
        var p = PermutationP(all, q, options, new Random(options.Seed));
        return new ChangePoint(index, labels[index], p, Mean(values, 0, index), Mean(values, index, values.Count));
    }

    /// <summary>The split (index of the first point after it, relative to the segment) with the largest Q; index 0 when the segment is too short.</summary>
    internal static (int Index, double Q) BestSplit(double[] x, int minimum)
    {
        var n = x.Length;
        if (n < 2 * minimum)
            return (0, 0);
        // within[τ]: sum of |xi − xj| for i < j < τ; cross moves point τ−1 from right to left.
        var rowSums = new double[n];
        double total = 0;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
                rowSums[i] += Math.Abs(x[i] - x[j]);
            total += rowSums[i];
        }
        total /= 2;
        double left = 0, cross = 0;
        var best = (Index: 0, Q: double.NegativeInfinity);
        for (var tau = 1; tau < n; tau++)
        {
            var moved = tau - 1;
            double toLeft = 0;
            for (var i = 0; i < moved; i++)
                toLeft += Math.Abs(x[i] - x[moved]);
            cross += rowSums[moved] - (2 * toLeft);
            left += toLeft;
            var right = total - left - cross;
            int m = tau, k = n - tau;
            if (m < minimum || k < minimum)
                continue;
            var q = m * k / (double)(m + k) * ((2 * cross / (m * (double)k)) - (left / Pairs(m)) - (right / Pairs(k)));
            if (q > best.Q)
                best = (tau, q);
        }
        return best;
    }

    private static double Pairs(int count) => count < 2 ? 1 : count * (count - 1) / 2.0;

    private static double PermutationP(double[] segment, double observed, ChangePointOptions options, Random random)
    {
        var shuffled = (double[])segment.Clone();
        var atLeast = 0;
        for (var i = 0; i < options.Permutations; i++)
        {
            random.Shuffle(shuffled);
            if (BestSplit(shuffled, options.MinimumSegment).Q >= observed)
                atLeast++;
        }
        return (1.0 + atLeast) / (1.0 + options.Permutations);
    }

    private static double[] Slice(IReadOnlyList<double> values, (int Start, int End) segment) =>
        [.. Enumerable.Range(segment.Start, segment.End - segment.Start).Select(i => values[i])];

    private static double Mean(IReadOnlyList<double> values, int from, int to) =>
        Enumerable.Range(from, to - from).Average(i => values[i]);
}
