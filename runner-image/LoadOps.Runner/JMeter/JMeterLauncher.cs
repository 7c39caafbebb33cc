namespace LoadOps.Runner.JMeter;

/// <summary>
/// Finds the JMeter to run: <c>LOADOPS_JMETER</c> (any launcher that takes JMeter's command line, e.g.
/// <c>runner-image/jmeter/debian-jmeter.sh</c> for Debian's packaged 2.13), else <c>jmeter</c> on the PATH.
/// </summary>
internal static class JMeterLauncher
{
    public const string Variable = "LOADOPS_JMETER";

    /// <summary>The launcher's path, or null with a sentence saying how to install JMeter on this runner.</summary>
    public static string? Locate(Func<string, string?> environment, out string? problem)
    {
        problem = null;
        if (environment(Variable) is { Length: > 0 } configured)
        {
            if (File.Exists(configured))
                return configured;
            problem = $"{Variable} is set to '{configured}', which is not a file; point it at the jmeter launcher (e.g. /opt/apache-jmeter/bin/jmeter) or unset it to use 'jmeter' from the PATH";
            return null;
        }
        foreach (var folder in (environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, OperatingSystem.IsWindows() ? "jmeter.bat" : "jmeter");
            if (File.Exists(candidate))
                return candidate;
        }
        problem = "engine: jmeter needs Apache JMeter on the runner, and none was found ('jmeter' is not on the PATH and " +
            $"{Variable} is not set): use the LoadOps runner image (it includes JMeter), or install Apache JMeter 5 and put its bin/ on the PATH " +
            $"(on Debian: apt-get install jmeter jmeter-http, then {Variable}=runner-image/jmeter/debian-jmeter.sh)";
        return null;
    }
}
