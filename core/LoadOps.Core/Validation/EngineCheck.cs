using LoadOps.Core.Parsing;

namespace LoadOps.Core.Validation;

/// <summary>
/// <c>engine:</c> and <c>script:</c>: only LoadOps' own engine runs today. <c>engine: jmeter</c> is refused with a clear
/// error rather than silently running the scenarios instead of the team's plan.
/// </summary>
internal static class EngineCheck
{
    public const string Own = "loadops";
    private static readonly string[] Known = [Own, "jmeter"];

    public static void Check(FieldReader reader, MappingFields fields)
    {
        var engine = fields["engine"] is { } e ? reader.Text(e, "engine") : Own;
        if (engine is null)
            return;
        if (!Known.Contains(engine, StringComparer.Ordinal))
        {
            reader.Errors.Error(fields["engine"]!.At, ValidationCodes.UnknownValue,
                $"engine: '{engine}' is not an engine; write 'engine: loadops' (the default) or remove it");
            return;
        }
        if (engine == "jmeter")
            reader.Errors.Error(fields["engine"]!.At, ValidationCodes.EngineNotImplemented,
                "engine: jmeter (running a JMeter plan inside the runner) is not implemented yet; remove 'engine' and 'script' and " +
                "describe the load as scenarios, or run JMeter yourself and bring its results with 'loadops import jmeter results.jtl'");
        else if (fields.Has("script"))
            reader.Errors.Error(fields.KeyAt("script"), ValidationCodes.EngineNotImplemented,
                "script: is read only by another engine (engine: jmeter), which is not implemented yet; remove 'script'");
    }
}
