using System.Globalization;
using LoadOps.Core.Definitions;
using LoadOps.Core.Parsing;

namespace LoadOps.Core.Validation;

/// <summary>Typed reads of YAML values; every wrong value is reported with its position and null is returned.</summary>
internal sealed class FieldReader(ErrorCollector errors)
{
    public ErrorCollector Errors => errors;

    public MappingFields? Mapping(SourceNode? node, string path, string what, IReadOnlyList<string> keys)
    {
        if (node is SourceMapping mapping)
            return MappingFields.Open(mapping, path, what, keys, errors);
        if (node is not null)
            WrongType(node, path, $"a mapping with keys such as {string.Join(", ", keys.Take(4))}");
        return null;
    }

    public SourceNode? Require(MappingFields fields, string key, string example)
    {
        var value = fields[key];
        if (value is null)
            errors.Error(fields.At, ValidationCodes.MissingField, $"{fields.PathOf(key)} is required; add e.g. '{example}'");
        else if (value is SourceScalar { IsNull: true })
            errors.Error(value.At, ValidationCodes.MissingField, $"{fields.PathOf(key)} has no value; write e.g. '{example}'");
        else
            return value;
        return null;
    }

    public IReadOnlyList<SourceNode>? List(SourceNode? node, string path, string example)
    {
        if (node is SourceSequence sequence)
            return sequence.Items;
        if (node is not null)
            WrongType(node, path, $"a list, e.g. {example}");
        return null;
    }

    public string? Text(SourceNode? node, string path)
    {
        if (node is SourceScalar scalar)
        {
            if (!scalar.IsNull)
                return scalar.Value;
            errors.Error(node.At, ValidationCodes.MissingField, $"{path} has no value");
        }
        else if (node is not null)
        {
            WrongType(node, path, "text");
        }
        return null;
    }

    public long? WholeNumber(SourceNode node, string path, long min, long max, string rangeCode)
    {
        if (node is not SourceScalar scalar || ScalarType.Of(scalar) is not (ScalarKind.Integer or ScalarKind.Float))
        {
            WrongType(node, path, "a whole number");
            return null;
        }
        if (ScalarType.Of(scalar) == ScalarKind.Float)
        {
            WrongType(node, path, "a whole number (no decimal point)");
            return null;
        }
        if (!long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ||
            value < min || value > max)
        {
            errors.Error(node.At, rangeCode, $"{path} is {Short(scalar.Value)}; it must be between {min} and {max}");
            return null;
        }
        return value;
    }

    public double? Number(SourceNode node, string path, double min, double max, string rangeCode, bool allowMin = true)
    {
        if (node is not SourceScalar scalar || ScalarType.Of(scalar) is not (ScalarKind.Integer or ScalarKind.Float))
        {
            WrongType(node, path, "a number");
            return null;
        }
        if (!double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ||
            !double.IsFinite(value) || value > max || value < min || (!allowMin && value == min))
        {
            var low = min.ToString(CultureInfo.InvariantCulture);
            var high = max.ToString(CultureInfo.InvariantCulture);
            errors.Error(node.At, rangeCode, $"{path} is {Short(scalar.Value)}; it must be " +
                (allowMin ? $"between {low} and {high}" : $"greater than {low} and at most {high}"));
            return null;
        }
        return value;
    }

    public TimeSpan? Duration(SourceNode node, string path, TimeSpan min, TimeSpan max)
    {
        var text = Text(node, path);
        if (text is null)
            return null;
        if (!DurationText.TryParse(text, out var duration))
        {
            errors.Error(node.At, ValidationCodes.InvalidDuration,
                $"{path}: '{Short(text)}' is not a duration; write a number and a unit, e.g. 500ms, 30s, 2m, 1h (at most 7 days)");
            return null;
        }
        if (duration < min || duration > max)
        {
            errors.Error(node.At, ValidationCodes.DurationOutOfRange,
                $"{path} is {text}; it must be between {DurationText.Format(min)} and {DurationText.Format(max)}");
            return null;
        }
        return duration;
    }

    /// <summary>A YAML boolean (<c>true</c> or <c>false</c>, unquoted).</summary>
    public bool? Boolean(SourceNode node, string path)
    {
        if (node is SourceScalar scalar && ScalarType.Of(scalar) == ScalarKind.Boolean)
            return scalar.Value.Equals("true", StringComparison.OrdinalIgnoreCase);
        WrongType(node, path, "true or false");
        return null;
    }

    public void WrongType(SourceNode node, string path, string expected) =>
        errors.Error(node.At, ValidationCodes.WrongType, $"{path} must be {expected}, found {node.Describe()}");

    private static string Short(string text) => text.Length <= 24 ? text : text[..21] + "...";
}
