namespace LoadOps.Core.Regression;

/// <summary>Student's t distribution through the regularized incomplete beta function (continued fraction, Lentz's method).</summary>
internal static class StudentT
{
    /// <summary>P(|T| ≥ |t|) for <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    public static double TwoSidedP(double t, double degreesOfFreedom)
    {
        if (double.IsNaN(t))
            return 1;
        if (double.IsInfinity(t))
            return 0;
        var x = degreesOfFreedom / (degreesOfFreedom + (t * t));
        return Math.Clamp(RegularizedBeta(x, degreesOfFreedom / 2, 0.5), 0, 1);
    }

    /// <summary>P(T ≥ t): the one-sided tail in the direction of positive t.</summary>
    public static double UpperP(double t, double degreesOfFreedom)
    {
        if (double.IsNaN(t))
            return 1;
        var half = TwoSidedP(t, degreesOfFreedom) / 2;
        return t >= 0 ? half : 1 - half;
    }

    /// <summary>The t whose one-sided upper tail probability is <paramref name="p"/> (p &lt; 0.5).</summary>
    public static double OneSidedCriticalValue(double p, double degreesOfFreedom) => CriticalValue(2 * p, degreesOfFreedom);

    /// <summary>The |t| whose two-sided tail probability is <paramref name="p"/>.</summary>
    public static double CriticalValue(double p, double degreesOfFreedom)
    {
        double low = 0, high = 1e7;
        for (var i = 0; i < 200 && high - low > 1e-9 * Math.Max(1, low); i++)
        {
            var mid = (low + high) / 2;
            if (TwoSidedP(mid, degreesOfFreedom) > p)
                low = mid;
            else
                high = mid;
        }
        return (low + high) / 2;
    }

    /// <summary>I_x(a, b), also the binomial tails of <see cref="Binomial"/>.</summary>
    internal static double RegularizedBeta(double x, double a, double b)
    {
        if (x <= 0)
            return 0;
        if (x >= 1)
            return 1;
        var front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1 - x)));
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(x, a, b) / a
            : 1 - (front * ContinuedFraction(1 - x, b, a) / b);
    }

    private static double ContinuedFraction(double x, double a, double b)
    {
        const double Tiny = 1e-300;
        double c = 1, d = 1 - ((a + b) * x / (a + 1));
        d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
        var result = d;
        for (var m = 1; m <= 5_000; m++)
        {
            var even = m * (b - m) * x / ((a + (2 * m) - 1) * (a + (2 * m)));
            d = 1 / Nudge(1 + (even * d));
            c = Nudge(1 + (even / c));
            result *= d * c;
            var odd = -(a + m) * (a + b + m) * x / ((a + (2 * m)) * (a + (2 * m) + 1));
            d = 1 / Nudge(1 + (odd * d));
            c = Nudge(1 + (odd / c));
            var step = d * c;
            result *= step;
            if (Math.Abs(step - 1) < 1e-14)
                break;
        }
        return result;

        static double Nudge(double v) => Math.Abs(v) < Tiny ? Tiny : v;
    }

    /// <summary>ln Γ(z) by the Lanczos approximation (g = 7, 9 terms), accurate to ~15 digits for z &gt; 0.</summary>
    private static double LogGamma(double z)
    {
        ReadOnlySpan<double> coefficients =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (z < 0.5)
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * z))) - LogGamma(1 - z);
        z -= 1;
        var sum = coefficients[0];
        for (var i = 1; i < coefficients.Length; i++)
            sum += coefficients[i] / (z + i);
        var t = z + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((z + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }
}
