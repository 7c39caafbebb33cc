using LoadOps.Core.Definitions;
using LoadOps.Core.Parsing;

namespace LoadOps.Core.Validation;

/// <summary>
/// <c>engine:</c> and <c>script:</c>. With <c>engine: jmeter</c> the team's JMeter plan issues the load, so the keys
/// only LoadOps' own engine reads (scenarios, data, setup, teardown, target headers, an open model) are refused rather
/// than silently ignored. The plan file itself is read later, by <see cref="Engines.JMeterPlanLoader"/>.
/// </summary>
internal sealed class EngineReader(FieldReader reader)
{
    public const string Own = "loadops";
    public const string JMeter = "jmeter";
    private static readonly string[] Known = [Own, JMeter];

    /// <summary>Keys of the definition that only LoadOps' own engine reads.</summary>
    private static readonly string[] OwnEngineKeys = ["scenarios", "data", "setup", "teardown"];

    /// <summary>True when <c>engine:</c> names another tool, even if <c>script:</c> is wrong: the scenarios are then not expected.</summary>
    public bool OtherEngine { get; private set; }

    public EngineSpec? Read(MappingFields fields)
    {
        var engine = fields["engine"] is { } e ? reader.Text(e, "engine") : Own;
        if (engine is null)
            return null;
        if (!Known.Contains(engine, StringComparer.Ordinal))
        {
            var nearest = NearestName.Find(engine, Known);
            reader.Errors.Error(fields["engine"]!.At, ValidationCodes.UnknownValue,
                $"engine: '{engine}' is not an engine; " + (nearest is null ? "" : $"did you mean '{nearest}'? ") +
                "write 'engine: loadops' (the default, runs the scenarios) or 'engine: jmeter' (runs script: PLAN.jmx)");
            return null;
        }
        if (engine == Own)
        {
            if (fields.Has("script"))
                reader.Errors.Error(fields.KeyAt("script"), ValidationCodes.EngineAndScriptApart,
                    "script: is read only by another engine; add 'engine: jmeter' to run this JMeter plan, or remove 'script'");
            return null;
        }

        OtherEngine = true;
        RefuseOwnEngineKeys(fields);
        if (fields["script"] is not { } node)
        {
            reader.Errors.Error(fields["engine"]!.At, ValidationCodes.EngineAndScriptApart,
                "engine: jmeter needs the plan to run: add 'script: plans/checkout.jmx' (relative to this file)");
            return null;
        }
        if (reader.Text(node, "script") is not { } script)
            return null;
        if (!script.EndsWith(".jmx", StringComparison.OrdinalIgnoreCase))
        {
            reader.Errors.Error(node.At, ValidationCodes.NotAJMeterPlan,
                $"script: '{script}' is not a JMeter plan; give the .jmx file JMeter saves (File > Save Test Plan), e.g. plans/checkout.jmx");
            return null;
        }
        return new EngineSpec(EngineKind.JMeter, script) { At = fields["engine"]!.At, ScriptAt = node.At };
    }

    /// <summary>An open model cannot be handed to JMeter's thread groups, which are concurrent users.</summary>
    public void CheckLoad(MappingFields fields, LoadSpec load)
    {
        if (!OtherEngine || load.Model != LoadModel.Open)
            return;
        var at = fields["load"] is SourceMapping m && m.Entries.FirstOrDefault(x => x.Key.Value == "model") is { } model ? model.Value.At : fields.KeyAt("load");
        reader.Errors.Error(at, ValidationCodes.KeyNotReadByEngine,
            "engine: jmeter runs the plan's thread groups, which are concurrent users: write 'model: closed' with stages of users " +
            "(each shard passes its share as the JMeter property 'threads')");
    }

    private void RefuseOwnEngineKeys(MappingFields fields)
    {
        foreach (var key in OwnEngineKeys.Where(fields.Has))
            reader.Errors.Error(fields.KeyAt(key), ValidationCodes.KeyNotReadByEngine,
                $"'{key}' is read only by LoadOps' own engine; with engine: jmeter the plan's own " + What(key) + $" run instead. Remove '{key}'");
        if (fields["target"] is SourceMapping target && target.Entries.FirstOrDefault(x => x.Key.Value == "headers") is { } headers)
            reader.Errors.Error(headers.Key.At, ValidationCodes.KeyNotReadByEngine,
                "target.headers are not sent by a JMeter plan; set them in the plan's HTTP Header Manager and remove 'headers'");
    }

    private static string What(string key) => key switch
    {
        "scenarios" => "thread groups and samplers",
        "data" => "CSV Data Set Config elements",
        _ => "setUp and tearDown thread groups",
    };
}
