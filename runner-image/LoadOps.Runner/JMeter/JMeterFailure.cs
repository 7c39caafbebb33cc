namespace LoadOps.Runner.JMeter;

/// <summary>
/// Why a JMeter run failed, in JMeter's own words: its error line from the output (never the Java stack trace under
/// it), with what to do when the cause is a known one.
/// </summary>
internal static class JMeterFailure
{
    private const int MaxLength = 400;
    private static readonly string[] Signs = ["Error in NonGUIDriver", "error", "exception", "could not", "cannot", "problem", "not found", "invalid"];

    public static string Reason(IReadOnlyList<string> output, int? exitCode, string fallback)
    {
        var lines = output.Select(l => l.Trim()).Where(l => l.Length > 0 && !IsStackFrame(l) && !IsJavaWarning(l)).ToList();
        var reason = Signs.Select(sign => lines.FirstOrDefault(l => l.Contains(sign, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(l => l is not null)
            ?? lines.LastOrDefault()
            ?? fallback;
        if (reason.Length > MaxLength)
            reason = reason[..(MaxLength - 3)] + "...";
        var exit = exitCode is { } code and not 0 ? $" (exit code {code})" : "";
        return $"JMeter failed{exit}: {reason.TrimEnd(':', ' ')}{Where(lines)}{Hint(reason)}";
    }

    /// <summary>XStream's debugging block names the element of the plan it could not load and its line: worth more than the trace.</summary>
    private static string Where(List<string> lines)
    {
        string? Field(string name) => lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal)) is { } line
            ? line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()
            : null;
        var line = Field("line number");
        var path = Field("path");
        if (line is null && path is null)
            return "";
        return " (in the plan" + (line is null ? "" : $" at line {line}") + (path is null ? "" : $", element {path}") + ")";
    }

    private static string Hint(string reason)
    {
        if (reason.Contains("ForbiddenClassException", StringComparison.Ordinal))
            return "; this is Debian's JMeter 2.13, whose packaged XStream refuses JMeter's own plan classes: " +
                "set LOADOPS_JMETER=runner-image/jmeter/debian-jmeter.sh, or install Apache JMeter 5";
        if (reason.Contains("CannotResolveClassException", StringComparison.Ordinal) || reason.Contains("ClassNotFoundException", StringComparison.Ordinal))
            return "; the plan uses an element this JMeter does not have: install the plugin (or JMeter module, e.g. Debian's jmeter-http) it needs, or remove the element";
        return "";
    }

    private static bool IsStackFrame(string line) =>
        line.StartsWith("at ", StringComparison.Ordinal) || line.StartsWith("...", StringComparison.Ordinal) || line.StartsWith("Caused by:", StringComparison.Ordinal);

    // The JVM's own notices (illegal reflective access, deprecated options) are not JMeter's reason.
    private static bool IsJavaWarning(string line) =>
        line.StartsWith("WARNING:", StringComparison.Ordinal) || line.StartsWith("Picked up ", StringComparison.Ordinal);
}
