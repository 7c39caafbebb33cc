using System.Globalization;
using LoadOps.Core.Definitions;
using LoadOps.Core.Parsing;

namespace LoadOps.Core.Validation;

/// <summary>Reads <c>baseline:</c>; absent fields take <see cref="BaselineSpec"/>'s defaults. No section means no baseline check.</summary>
internal sealed class BaselineReader(FieldReader reader)
{
    private static readonly string[] Keys = ["branch", "runs", "metrics", "tolerance"];

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
        if (fields["tolerance"] is { } t && ReadTolerance(t) is { } tolerance)
            spec = spec with { Tolerance = tolerance };
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

    private double? ReadTolerance(SourceNode node)
    {
        if (node is SourceScalar { IsPlain: true } scalar && scalar.Value.EndsWith('%') &&
            double.TryParse(scalar.Value[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var percent))
        {
            if (percent is >= 0 and <= 100)
                return percent / 100;
            Errors.Error(node.At, ValidationCodes.NumberOutOfRange, "baseline.tolerance must be between 0% and 100%, e.g. 5%");
            return null;
        }
        if (node is SourceScalar { IsPlain: true } number && ScalarType.Of(number) is ScalarKind.Integer or ScalarKind.Float)
            return reader.Number(node, "baseline.tolerance", 0, 1, ValidationCodes.NumberOutOfRange);
        reader.WrongType(node, "baseline.tolerance", "a percentage such as 5% or a fraction such as 0.05");
        return null;
    }
}
