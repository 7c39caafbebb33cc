using System.Text;
using System.Xml;
using System.Xml.Linq;
using LoadOps.Core.Data;
using LoadOps.Core.Definitions;
using LoadOps.Core.Policy;
using LoadOps.Core.Validation;

namespace LoadOps.Core.Engines;

/// <summary>
/// Reads the JMeter plan (<c>script:</c>) of a valid <c>engine: jmeter</c> definition through the same reader as the
/// definition (a checkout, git, GitHub) and checks it: inside the repository, present, within <see cref="MaxPlanBytes"/>,
/// well-formed XML whose root is <c>&lt;jmeterTestPlan&gt;</c>. The plan's text is put into the definition so it travels
/// with every shard. Never throws on user input.
/// </summary>
public static class JMeterPlanLoader
{
    /// <summary>Largest plan read; plans travel inside every shard's message.</summary>
    public const int MaxPlanBytes = 2 * 1024 * 1024;

    public sealed record Outcome(LoadTestDefinition? Definition, IReadOnlyList<DefinitionError> Errors)
    {
        public bool IsValid => Definition is not null;
    }

    /// <param name="definitionPath">The definition's repository-relative path; the plan is relative to its folder.</param>
    /// <param name="shown">The definition's path as errors show it.</param>
    /// <param name="display">How a repository-relative path is shown in errors about the plan file itself.</param>
    public static async Task<Outcome> LoadAsync(
        LoadTestDefinition definition, string definitionPath, string shown, DataFileLoader.ReadFile read,
        CancellationToken cancellationToken, Func<string, string>? display = null, LoadPolicy? policy = null)
    {
        policy ??= LoadPolicy.Default;
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(read);
        if (definition.Engine is not { Kind: EngineKind.JMeter } engine)
            return new Outcome(definition, []);
        display ??= path => path;
        Outcome Fail(string code, string message) => new(null,
            [new DefinitionError(shown, Math.Max(1, engine.ScriptAt.Line), Math.Max(1, engine.ScriptAt.Column), code, message, Severity.Error)]);

        if (DataFileLoader.RepositoryPath(definitionPath, engine.Script) is not { } path)
            return Fail(ValidationCodes.ScriptNotFound,
                $"script: '{engine.Script}' is outside the repository; give a path relative to the definition's folder, such as plans/checkout.jmx");
        var text = await read(path, cancellationToken);
        if (text is null)
            return Fail(ValidationCodes.ScriptNotFound,
                $"script: '{engine.Script}' was not found (looked for {display(path)}); commit the plan beside the definition or fix the path");
        if (text.Length > MaxPlanBytes || Encoding.UTF8.GetByteCount(text) > MaxPlanBytes)
            return Fail(ValidationCodes.NotAJMeterPlan,
                $"script: '{engine.Script}' is larger than {MaxPlanBytes / (1024 * 1024)} MB; a plan that big usually embeds data: move it to a CSV Data Set");
        if (Problem(text, out var document) is { } problem)
            return new Outcome(null, [new DefinitionError(display(path), problem.Line, problem.Column, ValidationCodes.NotAJMeterPlan,
                $"{problem.Message} (script of {shown})", Severity.Error)]);
        var hosts = JMeterPlanHosts.Refused(document!, policy)
            .Select(h => new DefinitionError(display(path), h.Line, h.Column, ValidationCodes.HostNotAllowed,
                $"{h.Message} (script of {shown})", Severity.Error))
            .ToList();
        return hosts.Count > 0 ? new Outcome(null, hosts) : new Outcome(definition with { Engine = engine with { Plan = text } }, []);
    }

    private sealed record PlanProblem(int Line, int Column, string Message);

    private static PlanProblem? Problem(string text, out XDocument? document)
    {
        document = null;
        try
        {
            // No DTDs: a plan never needs one, and resolving entities from a file is how XML parsers get abused.
            using var xml = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            document = XDocument.Load(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            return new PlanProblem(Math.Max(1, e.LineNumber), Math.Max(1, e.LinePosition),
                "the JMeter plan is not well-formed XML: " + e.Message.Split(" Line ", 2)[0].TrimEnd('.', ' ', ',') + "; open and save it again in JMeter");
        }
        var root = document.Root!;
        if (root.Name.LocalName == "jmeterTestPlan")
            return null;
        var info = (IXmlLineInfo)root;
        return new PlanProblem(Math.Max(1, info.LineNumber), Math.Max(1, info.LinePosition),
            $"the root element is <{root.Name.LocalName}>, not <jmeterTestPlan>: this is not a JMeter test plan" +
            (root.Name.LocalName == "testResults" ? " but JMeter results (a JTL); bring those with 'loadops import jmeter'" : "; give the .jmx file JMeter saves"));
    }
}
