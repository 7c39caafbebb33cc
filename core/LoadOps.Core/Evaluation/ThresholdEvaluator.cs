using LoadOps.Core.Definitions;
using LoadOps.Core.Results;

namespace LoadOps.Core.Evaluation;

/// <summary>
/// Judges a definition's absolute thresholds on a merged result. A threshold without a step applies to the whole
/// run; one with a step applies to every scenario's step of that name together. Missing data is a
/// <see cref="ThresholdStatus.NoData"/> outcome with a message, never an exception.
/// </summary>
public static class ThresholdEvaluator
{
    /// <summary>Throws <see cref="FormatException"/> only when the result holds a damaged histogram.</summary>
    public static IReadOnlyList<ThresholdOutcome> Evaluate(ResultFile result, IReadOnlyList<ThresholdSpec> thresholds)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(thresholds);
        var overall = ResultSummarizer.Summarize(result).Overall;
        var steps = new Dictionary<string, MetricSummary?>(StringComparer.Ordinal);
        var outcomes = new List<ThresholdOutcome>(thresholds.Count);
        foreach (var threshold in thresholds)
        {
            MetricSummary? summary = overall;
            if (threshold.Step is { } step)
            {
                if (!steps.TryGetValue(step, out summary))
                    steps[step] = summary = ResultSummarizer.SummarizeStep(result, step);
            }
            outcomes.Add(Judge(threshold, summary, result));
        }
        return outcomes;
    }

    private static ThresholdOutcome Judge(ThresholdSpec threshold, MetricSummary? summary, ResultFile result)
    {
        var expression = threshold.Expression;
        var scope = threshold.Step is null ? "the run" : $"step '{threshold.Step}'";
        if (summary is null)
        {
            var known = string.Join(", ", result.Steps.Select(s => s.Step).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
            return new(threshold, ThresholdStatus.NoData, null,
                $"{threshold.Text}: no data for step '{threshold.Step}'; the result has steps: {(known.Length == 0 ? "none" : known)}.");
        }
        if (expression.Metric.Unit() == MetricUnit.Microseconds && summary.Totals.Total > 0 && summary.Totals.Ok == 0)
        {
            // Failures come back fast (refused, reset): their latency would make a dead service look quick.
            return new(threshold, ThresholdStatus.NoData, null,
                $"{threshold.Text}: no data: every request of {scope} failed ({FailureText.Of(summary.Totals.Failed)}); a latency of failures says nothing about the service.");
        }
        if (summary.Value(expression.Metric) is not { } actual)
        {
            var why = expression.Metric == Metric.Dropped && threshold.Step is not null
                ? "dropped arrivals are counted per runner, not per step; put this threshold on the whole run"
                : $"no request of {scope} finished, so {expression.Metric.Name()} cannot be measured";
            return new(threshold, ThresholdStatus.NoData, null, $"{threshold.Text}: no data: {why}.");
        }
        var passed = expression.IsMetBy(actual);
        var actualText = ThresholdExpression.ValueText(expression.Metric, actual);
        var limitText = ThresholdExpression.ValueText(expression.Metric, expression.Value);
        return new(threshold, passed ? ThresholdStatus.Pass : ThresholdStatus.Fail, actual,
            $"{expression.Metric.Name()} of {scope} is {actualText} (limit {expression.Comparison.Symbol()} {limitText}): {(passed ? "pass" : "fail")}.");
    }
}
