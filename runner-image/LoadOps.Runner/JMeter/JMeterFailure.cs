namespace LoadOps.Runner.JMeter;

/// <summary>
/// Why a JMeter run failed, in JMeter's own words: its error line from the output (never the Java stack trace under
/// it), with what to do when the cause is a known one.
/// </summary>
internal static class JMeterFailure
{
    private const int MaxLength = 400;
    private static readonly string[] Signs = ["Error in NonGUIDriver", "error", "exception", "could not", "cannot", "problem", "not found", "invalid"];

    /// <param name="planCopy">The runner's copy of the plan, named in JMeter's messages; shown as <paramref name="script"/>, the user's own path.</param>
    public static string Reason(IReadOnlyList<string> output, int? exitCode, string fallback, string? planCopy = null, string? script = null)
    {
        var lines = output.Select(l => l.Trim()).Where(l => l.Length > 0 && !IsStackFrame(l) && !IsJavaWarning(l)).ToList();
        var reason = Signs.Select(sign => lines.FirstOrDefault(l => l.Contains(sign, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(l => l is not null)
            ?? lines.LastOrDefault()
            ?? fallback;
        if (planCopy is not null && script is not null)
            reason = reason.Replace(planCopy, script, StringComparison.Ordinal);
        if (reason.Length > MaxLength)
            reason = reason[..(MaxLength - 3)] + "...";
        var exit = exitCode is { } code and not 0 ? $" (exit code {code})" : "";
        return $"JMeter failed{exit}: {reason.TrimEnd(':', ' ')}{Where(lines)}{Hint(string.Join('\n', lines))}";
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

    /// <summary>What to do about a known cause, found anywhere in JMeter's output (XStream names the cause below the error line).</summary>
    private static string Hint(string output)
    {
        if (output.Contains("ForbiddenClassException", StringComparison.Ordinal))
            return "; this is Debian's JMeter 2.13, whose packaged XStream refuses JMeter's own plan classes: " +
                "set LOADOPS_JMETER=runner-image/jmeter/debian-jmeter.sh, or install Apache JMeter 5";
        // An element XStream cannot turn into a JMeter class: usually a plugin or module this JMeter lacks.
        if (output.Contains("CannotResolveClassException", StringComparison.Ordinal) || output.Contains("ConversionException", StringComparison.Ordinal))
            return "; JMeter could not load that element of the plan: install the plugin or JMeter module it needs (e.g. Debian's jmeter-http), " +
                "or open the plan in this JMeter version and save it again";
        return "";
    }

    private static bool IsStackFrame(string line) =>
        line.StartsWith("at ", StringComparison.Ordinal) || line.StartsWith("...", StringComparison.Ordinal) || line.StartsWith("Caused by:", StringComparison.Ordinal);

    // The JVM's own notices (illegal reflective access, deprecated options) are not JMeter's reason.
    private static bool IsJavaWarning(string line) =>
        line.StartsWith("WARNING:", StringComparison.Ordinal) || line.StartsWith("Picked up ", StringComparison.Ordinal);
}
