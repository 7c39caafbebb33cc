using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoadOps.Core.Definitions;
using LoadOps.Core.JsonPaths;
using LoadOps.Core.Templates;

namespace LoadOps.Runner.Execution;

/// <summary>Compiles a step's <c>expect</c> and <c>extract</c> into <see cref="ResponseChecks"/>, naming every expression that does not compile.</summary>
internal static class CheckCompiler
{
    private static readonly TimeSpan RegexBudget = TimeSpan.FromMilliseconds(250);

    public static ResponseChecks Compile(StepSpec step, string where, List<string> errors)
    {
        var expect = step.Expect ?? new ExpectSpec();
        var jsonEquals = new List<(JsonPath, JsonElement)>();
        foreach (var (pathText, expectedText) in expect.Json)
        {
            if (ParsePath(pathText, $"{where}, expect.json", errors) is { } path)
                jsonEquals.Add((path, ExpectedJson(expectedText)));
        }
        var extract = new List<Extraction>();
        foreach (var rule in step.Extract)
        {
            if (!TemplateParser.IsIdentifier(rule.Variable))
                errors.Add($"{where}: extract variable '{rule.Variable}' is not a name (letters, digits, _)");
            var path = rule.Kind == ExtractKind.JsonPath ? ParsePath(rule.Expression, $"{where}, extract {rule.Variable}", errors) : null;
            var regex = rule.Kind == ExtractKind.Regex ? ParseRegex(rule.Expression, $"{where}, extract {rule.Variable}", errors) : null;
            extract.Add(new Extraction(rule.Variable, rule.Kind, rule.Expression, path, regex));
        }
        return new ResponseChecks(
            expect.Status.ToArray(),
            expect.BodyContains is null ? null : Encoding.UTF8.GetBytes(expect.BodyContains),
            expect.BodyRegex is null ? null : ParseRegex(expect.BodyRegex, $"{where}, expect.bodyRegex", errors),
            jsonEquals.ToArray(),
            extract.ToArray())
        {
            ExactMessage = expect.Message is null ? null : Encoding.UTF8.GetBytes(expect.Message),
        };
    }

    /// <summary>The expected value as JSON; text that is not JSON (e.g. <c>ok</c>) means that string.</summary>
    private static JsonElement ExpectedJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(text);
        }
    }

    private static JsonPath? ParsePath(string text, string where, List<string> errors)
    {
        if (JsonPathParser.TryParse(text, out var path, out var failure))
            return path;
        errors.Add($"{where}: JSONPath '{text}': {failure!.Message}");
        return null;
    }

    private static Regex? ParseRegex(string text, string where, List<string> errors)
    {
        try
        {
            return new Regex(text, RegexOptions.CultureInvariant | RegexOptions.Compiled, RegexBudget);
        }
        catch (ArgumentException e)
        {
            errors.Add($"{where}: regex '{text}' is not valid ({e.Message})");
            return null;
        }
    }
}
