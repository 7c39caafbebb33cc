using LoadOps.Core.Definitions;
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
        var setup = CompileLifecycle(definition.Setup, "setup", definition.Target, targetHeaders, target, errors, secretNames);
        var teardown = CompileLifecycle(definition.Teardown, "teardown", definition.Target, targetHeaders, target, errors, secretNames);
        var secrets = SecretValues.Resolve(secretNames, environment, errors);
        var tls = TlsTrust.From(definition.Target.Tls, errors);
        var templates = targetHeaders.Select(h => h.Item2).Concat(scenarios.SelectMany(s => s.Steps).Concat(setup).Concat(teardown).SelectMany(Templates));
        var env = EnvValues.Resolve(templates, environment, errors);
        var data = DataRows.Compile(definition.Data, spec.Data,
            targetHeaders.Select(h => h.Item2).Concat(scenarios.SelectMany(s => s.Steps).SelectMany(Templates)), errors);
        if (errors.Count > 0 || target is null || spec.ShardIndex >= spec.ShardCount)
            return null;
        var load = LoadShare.For(definition.Load, spec.ShardIndex, spec.ShardCount);
        return new PreparedShard(spec, load, target, secrets, scenarios, tls) { Env = env, Data = data, Setup = setup, Teardown = teardown };
    }

    /// <summary>
    /// Setup and teardown steps: never counted, so they take indexes below zero (distinct, for first-failure messages)
    /// and are never treated as fixed requests (the raw transport caches those by index).
    /// </summary>
    private static List<PreparedStep> CompileLifecycle(IReadOnlyList<StepSpec> steps, string phase, TargetSpec targetSpec,
        List<(string Key, Template Value)> targetHeaders, TargetAddress? target, List<string> errors, List<string> secrets) =>
        steps.Select((step, i) => CompileStep(step, (phase == "setup" ? -1 : -100_001) - i, phase, targetSpec, targetHeaders, target, errors, secrets) with
        {
            IsFixed = false,
        }).ToList();

    private static IEnumerable<Template> Templates(PreparedStep step) =>
        new[] { step.Path, step.Body, step.Send }.OfType<Template>().Concat(step.Headers.Select(h => h.Value)).Concat(step.Json?.Templates ?? []);

    private static PreparedStep CompileStep(StepSpec step, int index, string scenario, TargetSpec targetSpec,
        List<(string Key, Template Value)> targetHeaders, TargetAddress? target, List<string> errors, List<string> secrets)
    {
        var where = $"scenario '{scenario}', step '{step.Name}'";
        var path = Parse(step.Path, $"{where}, path", errors, secrets);
        var headers = targetHeaders.Where(h => !step.Headers.ContainsKey(h.Key)).ToList();
        headers.AddRange(step.Headers.Select(h => (h.Key, Parse(h.Value, $"{where}, header {h.Key}", errors, secrets))));
        var body = step.Body is null ? null : Parse(step.Body, $"{where}, body", errors, secrets);
        var json = step.Json is null ? null : JsonBodyTemplate.TryCreate(step.Json, where, errors);
        var send = step.WebSocket is null ? null : Parse(step.WebSocket.Send, $"{where}, send", errors, secrets);
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
            Send = send,
            Timeout = timeout <= TimeSpan.Zero ? targetSpec.Timeout : timeout,
            Think = step.Think > TimeSpan.Zero ? step.Think : TimeSpan.Zero,
            Checks = CheckCompiler.Compile(step, where, errors),
            IsFixed = send is null && fixedUri is not null && headers.All(h => h.Item2.IsLiteral) && (body?.IsLiteral ?? true) && (json?.IsLiteral ?? true),
            HeaderBytesEstimate = method.Length + step.Path.Length + 40 + headers.Sum(h => h.Key.Length + 4 + h.Value.Parts.OfType<LiteralPart>().Sum(p => p.Text.Length)),
        };
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
}
