namespace LoadOps.Core.Definitions;

public enum Comparison
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

public static class ComparisonInfo
{
    public static string Symbol(this Comparison comparison) => comparison switch
    {
        Comparison.Less => "<",
        Comparison.LessOrEqual => "<=",
        Comparison.Greater => ">",
        _ => ">=",
    };

    public static bool Holds(this Comparison comparison, double actual, double limit) => comparison switch
    {
        Comparison.Less => actual < limit,
        Comparison.LessOrEqual => actual <= limit,
        Comparison.Greater => actual > limit,
        _ => actual >= limit,
    };
}
