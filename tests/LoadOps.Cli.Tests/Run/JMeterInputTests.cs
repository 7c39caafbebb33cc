using LoadOps.Cli.Tests.Validate;

namespace LoadOps.Cli.Tests.Run;

/// <summary>
/// Bad input to <c>engine: jmeter</c> gets a located error and a non-zero exit before JMeter is needed: a missing plan,
/// a file that is not a plan, and a runner without JMeter. None of these need JMeter installed.
/// </summary>
public sealed class JMeterInputTests : IDisposable
{
    private readonly TempRepository _repository = new();

    private string Definition(string script = "plans/checkout.jmx") => _repository.Write("loadtests/shop.loadtest.yaml", $"""
        version: 1
        name: shop-jmeter
        target: {"{"} baseUrl: http://127.0.0.1:9 {"}"}
        engine: jmeter
        script: {script}
        load:
          model: closed
          stages: [{"{"} duration: 1s, users: 1 {"}"}]
        """);

    [Fact]
    public async Task A_missing_plan_is_LO088_at_the_script_and_exit_2()
    {
        var outcome = await LoadOpsProcess.RunAsync(_repository.Root, ["run", Definition()]);

        Assert.Equal(2, outcome.Exit);
        Assert.Contains("shop.loadtest.yaml:5:9", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("LO088", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("loadtests/plans/checkout.jmx", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_that_is_not_xml_is_LO089_at_its_own_line()
    {
        _repository.Write("loadtests/plans/checkout.jmx", "<jmeterTestPlan>\n<hashTree>\n</jmeterTestPlan>\n");

        var outcome = await LoadOpsProcess.RunAsync(_repository.Root, ["run", Definition()]);

        Assert.Equal(2, outcome.Exit);
        Assert.Contains("LO089", outcome.Error, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("loadtests", "plans", "checkout.jmx") + ":3", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_reads_the_plan_too()
    {
        var outcome = await LoadOpsProcess.RunAsync(_repository.Root, ["validate", Definition("plans/other.jmx")]);

        Assert.Equal(1, outcome.Exit);
        Assert.Contains("LO088", outcome.Output + outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runner_without_jmeter_says_how_to_install_it()
    {
        _repository.Write("loadtests/plans/checkout.jmx", "<jmeterTestPlan version=\"1.2\"><hashTree/></jmeterTestPlan>\n");
        var empty = Directory.CreateDirectory(Path.Combine(_repository.Root, "empty-path")).FullName;

        var outcome = await LoadOpsProcess.RunAsync(_repository.Root, ["run", Definition(), "--no-history"],
            environment: new Dictionary<string, string?> { ["PATH"] = empty, ["LOADOPS_JMETER"] = null });

        Assert.Equal(3, outcome.Exit);
        Assert.Contains("needs Apache JMeter on the runner", outcome.Error, StringComparison.Ordinal);
        Assert.Contains("LOADOPS_JMETER", outcome.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _repository.Dispose();
}
