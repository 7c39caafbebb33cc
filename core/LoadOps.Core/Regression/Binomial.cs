namespace LoadOps.Core.Regression;

/// <summary>Exact binomial tails through the regularized incomplete beta function: the test of failure counts.</summary>
internal static class Binomial
{
    /// <summary>P(X ≥ k) for X ~ Binomial(n, p).</summary>
    public static double UpperTail(long k, long n, double p)
    {
        if (k <= 0)
            return 1;
        if (k > n || p <= 0)
            return 0;
        if (p >= 1)
            return 1;
        return Math.Clamp(StudentT.RegularizedBeta(p, k, n - k + 1), 0, 1);
    }

    /// <summary>P(X ≤ k) for X ~ Binomial(n, p).</summary>
    public static double LowerTail(long k, long n, double p)
    {
        if (k >= n || p <= 0)
            return 1;
        if (k < 0 || p >= 1)
            return 0;
        return Math.Clamp(1 - StudentT.RegularizedBeta(p, k + 1, n - k), 0, 1);
    }

    /// <summary>Clopper-Pearson one-sided upper bound of the rate at <paramref name="confidence"/>: the p at which seeing k or fewer has chance 1 − confidence.</summary>
    public static double UpperBound(long k, long n, double confidence)
    {
        if (n <= 0)
            return 1;
        if (k >= n)
            return 1;
        double low = (double)k / n, high = 1;
        for (var i = 0; i < 100; i++)
        {
            var mid = (low + high) / 2;
            if (LowerTail(k, n, mid) > 1 - confidence)
                low = mid;
            else
                high = mid;
        }
        return high;
    }

    /// <summary>The fewest failures out of <paramref name="n"/> whose upper tail under rate <paramref name="p"/> is below <paramref name="alpha"/>; n + 1 when none is.</summary>
    public static long CriticalCount(long n, double p, double alpha)
    {
        long low = 0, high = n + 1;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (UpperTail(mid, n, p) < alpha)
                high = mid;
            else
                low = mid + 1;
        }
        return low;
    }
}
