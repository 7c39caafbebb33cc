using System.Text.RegularExpressions;

namespace LoadOps.Core.Parsing;

internal enum ScalarKind
{
    Null,
    Boolean,
    Integer,
    Float,
    Text,
}

/// <summary>Resolves a scalar's type by the YAML 1.2 core schema (decimal forms only): quoted values are always text.</summary>
internal static partial class ScalarType
{
    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();

    public static ScalarKind Of(SourceScalar scalar)
    {
        if (!scalar.IsPlain)
            return ScalarKind.Text;
        if (scalar.IsNull)
            return ScalarKind.Null;
        if (scalar.Value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
            return ScalarKind.Boolean;
        if (scalar.Value.Length > 400)
            return ScalarKind.Text;
        if (Integer().IsMatch(scalar.Value))
            return ScalarKind.Integer;
        return Float().IsMatch(scalar.Value) ? ScalarKind.Float : ScalarKind.Text;
    }
}
