namespace LoadOps.Cli.Tests.Run;

/// <summary>
/// The JMeter this machine has, as the value of <c>LOADOPS_JMETER</c>: Debian's 2.13 through the repository's
/// launcher (its plain <c>jmeter -n</c> refuses every plan), or an Apache JMeter on the PATH. Shared with
/// LoadOps.IntegrationTests (linked), so it finds the repository by itself.
/// </summary>
internal static class JMeterInstall
{
    private const string DebianHome = "/usr/share/jmeter";

    /// <summary>The launcher, or null with the reason the JMeter tests skip and how to install it.</summary>
    public static string? Launcher(out string reason)
    {
        reason = "";
        if (Environment.GetEnvironmentVariable("LOADOPS_JMETER") is { Length: > 0 } configured && File.Exists(configured))
            return configured;
        if (File.Exists(Path.Combine(DebianHome, "lib", "ext", "ApacheJMeter_core.jar")))
        {
            if (!File.Exists(Path.Combine(DebianHome, "lib", "ext", "ApacheJMeter_http.jar")))
            {
                reason = "Debian's jmeter is installed without its HTTP sampler: apt-get install jmeter-http";
                return null;
            }
            return Path.Combine(RepositoryRoot(), "runner-image", "jmeter", "debian-jmeter.sh");
        }
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(folder, "jmeter")))
                return Path.Combine(folder, "jmeter");
        }
        reason = "JMeter is not installed: apt-get install jmeter jmeter-http (.ci/run installs them), or put Apache JMeter's bin/ on the PATH";
        return null;
    }

    /// <summary>The example plan the test suite runs (examples/loadtests/plans/checkout.jmx).</summary>
    public static string ExamplePlan() => Path.Combine(RepositoryRoot(), "examples", "loadtests", "plans", "checkout.jmx");

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LoadOps.sln")))
            folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("The tests run outside the repository: no LoadOps.sln above " + AppContext.BaseDirectory);
    }
}
