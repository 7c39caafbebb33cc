using System.Globalization;
using LoadOps.Core.Definitions;
using LoadOps.Core.Parsing;
using LoadOps.Core.Regression;

namespace LoadOps.Core.Validation;

/// <summary>Reads <c>baseline:</c>; absent fields take <see cref="BaselineSpec"/>'s defaults. No section means no baseline check.</summary>
internal sealed class BaselineReader(FieldReader reader)
{
    private static readonly string[] Keys = ["branch", "runs", "metrics", "tolerance", "errorTolerance", "repeat", "equivalence", "noise"];

    private ErrorCollector Errors => reader.Errors;

    public BaselineSpec? Read(MappingFields root)
    {
        if (root["baseline"] is not { } node || reader.Mapping(node, "baseline", "baseline", Keys) is not { } fields)
            return null;
        var spec = new BaselineSpec();
        if (fields["branch"] is { } b && reader.Text(b, "baseline.branch") is { } branch)
            spec = spec with { Branch = branch };
        if (fields["runs"] is { } r && reader.WholeNumber(r, "baseline.runs", 1, 100, ValidationCodes.NumberOutOfRange) is { } runs)
            spec = spec with { Runs = (int)runs };
        if (fields["metrics"] is { } m && ReadMetrics(m) is { } metrics)
            spec = spec with { Metrics = metrics };
        if (fields["tolerance"] is { } t && ReadShare(t, "baseline.tolerance") is { } tolerance)
            spec = spec with { Tolerance = tolerance };
        if (fields["errorTolerance"] is { } e && ReadShare(e, "baseline.errorTolerance") is { } errorTolerance)
            spec = spec with { ErrorTolerance = errorTolerance };
        if (fields["repeat"] is { } n && reader.WholeNumber(n, "baseline.repeat", 1, RepeatPlan.MaxRepeats, ValidationCodes.NumberOutOfRange) is { } repeat)
            spec = spec with { Repeat = (int)repeat };
        if (fields["noise"] is { } z && ReadShare(z, "baseline.noise") is { } noise)
            spec = spec with { Noise = noise };
        if (fields["equivalence"] is { } q && ReadFlag(q, "baseline.equivalence") is { } equivalence)
            spec = spec with { Equivalence = equivalence };
        return spec;
    }

    private List<Metric>? ReadMetrics(SourceNode node)
    {
        if (reader.List(node, "baseline.metrics", "[p95, errors]") is not { } items)
            return null;
        var metrics = new List<Metric>();
        for (var i = 0; i < items.Count; i++)
        {
            if (reader.Text(items[i], $"baseline.metrics[{i}]") is not { } name)
                continue;
            if (MetricInfo.TryParse(name, out var metric))
            {
                if (!metrics.Contains(metric)) metrics.Add(metric);
                continue;
            }
            var nearest = NearestName.Find(name, MetricInfo.Names);
            Errors.Error(items[i].At, ValidationCodes.UnknownValue, $"baseline.metrics[{i}]: unknown metric '{name}'; " +
                (nearest is not null ? $"did you mean '{nearest}'? " : "") + $"known metrics: {string.Join(", ", MetricInfo.Names)}");
        }
        if (items.Count == 0)
            Errors.Error(node.At, ValidationCodes.UnknownValue, "baseline.metrics is empty; list metrics to compare, e.g. [p95, errors], or remove it");
        return metrics;
    }

    /// <summary>A tolerance: 5% or 0.05 (<see cref="PercentText"/>); a bare 5 is refused with the fix (LO059).</summary>
    private double? ReadShare(SourceNode node, string path)
    {
        if (node is not SourceScalar scalar || scalar.IsNull)
        {
            reader.WrongType(node, path, "a percentage such as 5% or a fraction such as 0.05");
            return null;
        }
        if (PercentText.TryParse(scalar.Value, out var fraction, out var problem))
            return fraction;
        var bare = !scalar.Value.TrimEnd().EndsWith('%') && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= 1;
        Errors.Error(node.At, bare ? ValidationCodes.PercentWithoutUnit : ValidationCodes.NumberOutOfRange, $"{path}: {problem}");
        return null;
    }

    private bool? ReadFlag(SourceNode node, string path)
    {
        if (node is SourceScalar { IsPlain: true } scalar && scalar.Value is "true" or "false")
            return scalar.Value == "true";
        reader.WrongType(node, path, "true or false");
        return null;
    }
}
