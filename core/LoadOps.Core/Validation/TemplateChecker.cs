using LoadOps.Core.Parsing;
using LoadOps.Core.Templates;

namespace LoadOps.Core.Validation;

/// <summary>Checks a template value: it parses, reads only variables in scope, and holds no literal secret.</summary>
internal static class TemplateChecker
{
    /// <param name="offset">Where <paramref name="text"/> starts inside the scalar's value (for precise columns).</param>
    public static bool Check(ErrorCollector errors, SourceScalar node, string text, int offset, string path, VariableScope scope, SecretContext context)
    {
        if (!TemplateParser.TryParse(text, out var template, out var failure))
        {
            errors.Error(node.PositionOf(offset + failure!.Offset), ValidationCodes.InvalidTemplate, $"{path}: {failure.Message}");
            return false;
        }
        var ok = true;
        foreach (var part in template.Parts.OfType<VariablePart>())
        {
            if (scope.Problem(part.Name) is { } problem)
            {
                errors.Error(node.PositionOf(offset + part.Offset), ValidationCodes.UnknownVariable, $"{path}: {problem}");
                ok = false;
            }
        }
        foreach (var part in template.Parts.OfType<DataPart>())
        {
            var at = node.PositionOf(offset + part.Offset);
            if (scope.NoDataReason is { } reason)
            {
                errors.Error(at, ValidationCodes.DataInLifecycleStep, $"{path}: '{{{{ {part.Set}.{part.Column} }}}}': {reason}");
                ok = false;
            }
            else if ((scope.AllowsExtracted ? scope.Data.Use(part.Set, part.Column, at) : "target headers are built before any row is taken; move the header into the steps") is { } problem)
            {
                errors.Error(at, ValidationCodes.UnknownDataSet, $"{path}: {problem}");
                ok = false;
            }
        }
        return SecretScanner.Scan(errors, node, text, offset, path, context) && ok;
    }
}
