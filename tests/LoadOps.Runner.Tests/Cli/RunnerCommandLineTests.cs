using LoadOps.Runner.Cli;

namespace LoadOps.Runner.Tests.Cli;

public sealed class RunnerCommandLineTests
{
    [Theory]
    [InlineData("agent", "agent needs --pool NAME")]
    [InlineData("agent --pool Lab!", "must be lowercase letters")]
    [InlineData("agent --pool lab", "agent needs its pool's queue")]
    [InlineData("agent --pool lab --queue-url https://acct.queue.core.windows.net/q", "carries no SAS")]
    [InlineData("agent --pool lab --queue-url http://acct.queue.core.windows.net/q?sig=secret-sig", "https://")]
    [InlineData("agent --pool lab --servicebus myns", "LOADOPS_QUEUE_CONNECTION")]
    [InlineData("agent --pool lab --lock 0", "whole seconds")]
    [InlineData("agent --pool lab --lock 10 --heartbeat 20", "--heartbeat must be shorter")]
    [InlineData("agent --pool lab --key abc", "does not take '--key'")]
    [InlineData("agent --pool lab --queue-url https://acct.queue.core.windows.net/q?sig=secret-sig --work-dir /proc/loadops-agent", "cannot be written")]
    public async Task Agent_arguments_are_checked_before_any_work_and_secrets_are_not_echoed(string command, string message)
    {
        var error = new StringWriter();

        var exit = await RunnerCommandLine.RunAsync(command.Split(' '), TextWriter.Null, error, TestContext.Current.CancellationToken);

        Assert.Equal(RunnerExitCodes.Usage, exit);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-sig", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shard --queue q1", "absolute https:// URL")]
    [InlineData("shard --queue https://acct.queue.core.windows.net/q", "carries no SAS")]
    [InlineData("shard --queue https://acct.queue.core.windows.net/q?sig=secret-sig --wait 0", "--wait takes whole seconds")]
    [InlineData("shard --queue https://acct.queue.core.windows.net/q?sig=secret-sig --spec a.json", "one of --spec, --work-env and --queue")]
    [InlineData("shard --work-env LOADOPS_TEST_UNSET_WORK_VARIABLE", "LOADOPS_TEST_UNSET_WORK_VARIABLE is empty or not set")]
    [InlineData("shard --work-env X --wait 5", "--wait goes with --queue only")]
    [InlineData("shard --work-env X --key abc", "does not take '--key'")]
    public async Task Work_item_modes_check_their_arguments_and_do_not_echo_the_sas(string command, string message)
    {
        var error = new StringWriter();

        var exit = await RunnerCommandLine.RunAsync(command.Split(' '), TextWriter.Null, error, TestContext.Current.CancellationToken);

        Assert.Equal(RunnerExitCodes.Usage, exit);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret-sig", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_work_variable_that_is_not_a_work_item_is_refused_without_echoing_it()
    {
        const string name = "LOADOPS_TEST_BAD_WORK_ITEM";
        Environment.SetEnvironmentVariable(name, "{\"spec\": \"https://acct.blob.core.windows.net/x?sig=secret-sig\"");
        try
        {
            var error = new StringWriter();

            var exit = await RunnerCommandLine.RunAsync(["shard", "--work-env", name], TextWriter.Null, error, TestContext.Current.CancellationToken);

            Assert.Equal(RunnerExitCodes.Usage, exit);
            Assert.Contains($"{name} is not a LoadOps work item", error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("secret-sig", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("shard")]
    [InlineData("shard --spec")]
    [InlineData("shard --spec a.json --rate 5")]
    [InlineData("launch --spec a.json")]
    [InlineData("shard --spec a.json extra")]
    public async Task Bad_arguments_print_the_usage_and_exit_2(string command)
    {
        var error = new StringWriter();

        var exit = await RunnerCommandLine.RunAsync(command.Split(' ', StringSplitOptions.RemoveEmptyEntries), TextWriter.Null, error, TestContext.Current.CancellationToken);

        Assert.Equal(RunnerExitCodes.Usage, exit);
        Assert.Contains("usage: loadops-runner shard --spec FILE", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shard --spec a.json --http fast", "'fast'")]
    [InlineData("agent --pool lab --http fast", "'fast'")]
    [InlineData("shard --queue https://acct.queue.core.windows.net/q?sig=secret-sig --wait soon", "'soon'")]
    [InlineData("agent --pool lab --lock long", "'long'")]
    [InlineData("shard --spec a.json --spec b.json", "--spec")]
    [InlineData("shard --out", "--out")]
    public async Task Values_of_the_wrong_kind_are_named_and_exit_2_without_a_stack_trace(string command, string named)
    {
        var error = new StringWriter();

        var exit = await RunnerCommandLine.RunAsync(command.Split(' '), TextWriter.Null, error, TestContext.Current.CancellationToken);

        Assert.Equal(RunnerExitCodes.Usage, exit);
        var firstLine = error.ToString().Split('\n')[0];
        Assert.StartsWith("error: ", firstLine, StringComparison.Ordinal);
        Assert.Contains(named, firstLine, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-sig", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("shard --help")]
    [InlineData("agent -h")]
    public async Task Help_goes_to_the_output_and_exits_0(string command)
    {
        var output = new StringWriter();

        var exit = await RunnerCommandLine.RunAsync(command.Split(' '), output, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(RunnerExitCodes.Complete, exit);
        Assert.Contains("Usage:", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(command.StartsWith("agent", StringComparison.Ordinal) ? "--queue-url" : "shard", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_spec_that_is_not_json_names_the_file_and_position()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("loadops-cli-test-").FullName, "shard.json");
        await File.WriteAllTextAsync(file, "{\n  \"runId\": oops\n}", TestContext.Current.CancellationToken);
        var error = new StringWriter();

        var exit = await RunnerCommandLine.RunAsync(["shard", "--spec", file], TextWriter.Null, error, TestContext.Current.CancellationToken);

        Assert.Equal(RunnerExitCodes.Usage, exit);
        Assert.Contains(file + ":2:", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_spec_file_is_a_clear_error()
    {
        var error = new StringWriter();

        var exit = await RunnerCommandLine.RunAsync(["shard", "--spec", "/nonexistent/shard.json"], TextWriter.Null, error, TestContext.Current.CancellationToken);

        Assert.Equal(RunnerExitCodes.Usage, exit);
        Assert.Contains("cannot read the shard spec '/nonexistent/shard.json'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_folder_that_cannot_be_written_is_refused_before_the_start()
    {
        var directory = Directory.CreateTempSubdirectory("loadops-cli-test-").FullName;
        var spec = Path.Combine(directory, "shard.json");
        var definition = TestShards.Definition("http://127.0.0.1:1", TestShards.Steady(1, 1),
            new LoadOps.Core.Definitions.ScenarioSpec("browse", 1, [TestShards.Get("one", "/x")]));
        await File.WriteAllTextAsync(spec, LoadOps.Core.Serialization.LoadOpsJson.Serialize(TestShards.Spec(definition)), TestContext.Current.CancellationToken);
        var error = new StringWriter();

        var exit = await RunnerCommandLine.RunAsync(["shard", "--spec", spec, "--out", Path.Combine(spec, "below-a-file")], TextWriter.Null, error, TestContext.Current.CancellationToken);

        Assert.Equal(RunnerExitCodes.Usage, exit);
        Assert.Contains("cannot write results into", error.ToString(), StringComparison.Ordinal);
    }
}
