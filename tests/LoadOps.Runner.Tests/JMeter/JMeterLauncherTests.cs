using LoadOps.Runner.JMeter;

namespace LoadOps.Runner.Tests.JMeter;

/// <summary>JMeter is found through LOADOPS_JMETER or the PATH; without either, the problem says how to install it.</summary>
public sealed class JMeterLauncherTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("loadops-jmeter-launcher-").FullName;

    private static Func<string, string?> Environment(string? jmeter, string? path) => name => name switch
    {
        JMeterLauncher.Variable => jmeter,
        "PATH" => path,
        _ => null,
    };

    [Fact]
    public void Loadops_jmeter_wins_over_the_path()
    {
        var configured = Path.Combine(_folder, "my-jmeter");
        File.WriteAllText(configured, "");
        File.WriteAllText(Path.Combine(_folder, "jmeter"), "");

        Assert.Equal(configured, JMeterLauncher.Locate(Environment(configured, _folder), out _));
    }

    [Fact]
    public void Jmeter_on_the_path_is_found()
    {
        File.WriteAllText(Path.Combine(_folder, "jmeter"), "");

        Assert.Equal(Path.Combine(_folder, "jmeter"), JMeterLauncher.Locate(Environment(null, "/nonexistent" + Path.PathSeparator + _folder), out var problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Without_jmeter_the_problem_names_the_image_the_path_and_debian()
    {
        Assert.Null(JMeterLauncher.Locate(Environment(null, _folder), out var problem));

        Assert.Contains("runner image", problem, StringComparison.Ordinal);
        Assert.Contains("apt-get install jmeter jmeter-http", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_loadops_jmeter_that_is_not_a_file_is_named()
    {
        Assert.Null(JMeterLauncher.Locate(Environment("/opt/none/jmeter", _folder), out var problem));

        Assert.Contains("'/opt/none/jmeter', which is not a file", problem, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
