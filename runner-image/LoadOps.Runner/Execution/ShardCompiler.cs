using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoadOps.Core.Definitions;
using LoadOps.Core.JsonPaths;
using LoadOps.Core.Planning;
using LoadOps.Core.Templates;
using LoadOps.Runner.Http;

namespace LoadOps.Runner.Execution;

/// <summary>
/// Checks a shard spec and compiles it for running. The definition arrives validated, but a runner still refuses
/// anything it cannot run and names every problem, so a bad message never becomes an exception mid-run.
/// </summary>
internal static class ShardCompiler
{
    public const int MaxUsersPerRunner = 100_000;
    private static readonly TimeSpan RegexBudget = TimeSpan.FromMilliseconds(250);

    public static PreparedShard? Compile(ShardSpec spec, Func<string, string?> environment, out List<string> errors)
    {
        var problems = new List<string>();
        errors = problems;
        return Compile(spec, environment, problems);
    }

    private static PreparedShard? Compile(ShardSpec spec, Func<string, string?> environment, List<string> errors)
    {
        var definition = spec.Definition;
        if (spec.ShardCount < 1 || spec.ShardIndex < 0 || spec.ShardIndex >= spec.ShardCount)
            errors.Add($"shardIndex {spec.ShardIndex} is not within shardCount {spec.ShardCount}");
        if (spec.Interval <= TimeSpan.Zero)
            errors.Add("interval must be positive, e.g. 00:00:05");
        if (definition.Load.Stages.Count == 0 || definition.Load.Stages.Any(s => s.Duration <= TimeSpan.Zero || s.Target < 0 || !double.IsFinite(s.Target)))
            errors.Add("load.stages must be a non-empty list of stages with a positive duration and a target >= 0");
        if (definition.Load.Model == LoadModel.Open && definition.Load.MaxInFlight < 1)
            errors.Add("load.maxInFlight must be at least 1");
        if (definition.Load.Model == LoadModel.Closed && definition.Load.PeakTarget / Math.Max(1, spec.ShardCount) > MaxUsersPerRunner)
            errors.Add($"load: more than {MaxUsersPerRunner} users per runner; add runners");
        if (definition.Scenarios.Count == 0 || definition.Scenarios.Any(s => s.Weight <= 0 || !double.IsFinite(s.Weight) || s.Steps.Count == 0))
            errors.Add("scenarios must be a non-empty list, each with a positive weight and at least one step");

        var target = TargetAddress.TryCreate(definition.Target.BaseUrl, errors);
        var secretNames = new List<string>();
        var targetHeaders = definition.Target.Headers.Select(h => (h.Key, Parse(h.Value, $"target.headers.{h.Key}", errors, secretNames))).ToList();
        var scenarios = new List<PreparedScenario>();
        var index = 0;
        foreach (var scenario in definition.Scenarios)
        {
            var steps = new List<PreparedStep>();
            foreach (var step in scenario.Steps)
                steps.Add(CompileStep(step, index++, scenario.Name, definition.Target, targetHeaders, target, errors, secretNames));
            scenarios.Add(new PreparedScenario(scenario.Name, scenario.Weight, steps));
        }
        var secrets = SecretValues.Resolve(secretNames, environment, errors);
        var tls = TlsTrust.From(definition.Target.Tls, errors);
        var templates = targetHeaders.Select(h => h.Item2).Concat(scenarios.SelectMany(s => s.Steps).SelectMany(Templates));
        var env = EnvValues.Resolve(templates, environment, errors);
        var data = DataRows.Compile(definition.Data, spec.Data,
            targetHeaders.Select(h => h.Item2).Concat(scenarios.SelectMany(s => s.Steps).SelectMany(Templates)), errors);
        if (errors.Count > 0 || target is null || spec.ShardIndex >= spec.ShardCount)
            return null;
        var load = LoadShare.For(definition.Load, spec.ShardIndex, spec.ShardCount);
        return new PreparedShard(spec, load, target, secrets, scenarios, tls) { Env = env, Data = data };
    }

    private static IEnumerable<Template> Templates(PreparedStep step) =>
        new[] { step.Path, step.Body }.OfType<Template>().Concat(step.Headers.Select(h => h.Value)).Concat(step.Json?.Templates ?? []);

    private static PreparedStep CompileStep(StepSpec step, int index, string scenario, TargetSpec targetSpec,
        List<(string Key, Template Value)> targetHeaders, TargetAddress? target, List<string> errors, List<string> secrets)
    {
        var where = $"scenario '{scenario}', step '{step.Name}'";
        var path = Parse(step.Path, $"{where}, path", errors, secrets);
        var headers = targetHeaders.Where(h => !step.Headers.ContainsKey(h.Key)).ToList();
        headers.AddRange(step.Headers.Select(h => (h.Key, Parse(h.Value, $"{where}, header {h.Key}", errors, secrets))));
        var body = step.Body is null ? null : Parse(step.Body, $"{where}, body", errors, secrets);
        var json = step.Json is null ? null : JsonBodyTemplate.TryCreate(step.Json, where, errors);
        if (json is not null)
            secrets.AddRange(json.Templates.SelectMany(t => t.Secrets));
        if (step.Body is not null && step.Json is not null)
            errors.Add($"{where}: set either body or json, not both");

        Uri? fixedUri = null;
        if (path.IsLiteral && target is not null)
        {
            fixedUri = target.Resolve(step.Path);
            if (fixedUri is null)
                errors.Add($"{where}: path '{step.Path}' leaves the target's baseUrl; write a path starting with '/'");
        }
        var timeout = step.Timeout ?? targetSpec.Timeout;
        if (timeout <= TimeSpan.Zero)
            errors.Add($"{where}: timeout must be positive");
        var method = step.Method.Trim().ToUpperInvariant();
        if (method.Length == 0 || !method.All(char.IsAsciiLetterUpper))
            errors.Add($"{where}: '{step.Method}' is not an HTTP method");

        return new PreparedStep
        {
            Index = index,
            Scenario = scenario,
            Name = step.Name,
            Method = HttpMethod.Parse(method.Length == 0 ? "GET" : method),
            Path = path,
            FixedUri = fixedUri,
            Headers = headers,
            Body = body,
            Json = json,
            Timeout = timeout <= TimeSpan.Zero ? targetSpec.Timeout : timeout,
            Think = step.Think > TimeSpan.Zero ? step.Think : TimeSpan.Zero,
            Checks = CompileChecks(step, where, errors),
            IsFixed = fixedUri is not null && headers.All(h => h.Item2.IsLiteral) && (body?.IsLiteral ?? true) && (json?.IsLiteral ?? true),
            HeaderBytesEstimate = method.Length + step.Path.Length + 40 + headers.Sum(h => h.Key.Length + 4 + h.Value.Parts.OfType<LiteralPart>().Sum(p => p.Text.Length)),
        };
    }

    private static ResponseChecks CompileChecks(StepSpec step, string where, List<string> errors)
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
            extract.ToArray());
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

    private static Template Parse(string text, string where, List<string> errors, List<string> secrets)
    {
        if (TemplateParser.TryParse(text, out var template, out var failure))
        {
            secrets.AddRange(template.Secrets);
            return template;
        }
        errors.Add($"{where}: {failure!.Message} (at character {failure.Offset + 1})");
        return new Template([new LiteralPart(text)]);
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
