namespace LoadOps.Infra.Tests.ByoVm;

public sealed class InstallScriptTests : IDisposable
{
    private const string SecretKey = "c2VjcmV0LXNoYXJlZC1hY2Nlc3Mta2V5LXZhbHVl";
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("loadops-install-");
    private readonly string connectionFile;
    private readonly string tarball;

    public InstallScriptTests()
    {
        connectionFile = Path.Combine(work.FullName, "pool.connection");
        File.WriteAllText(connectionFile,
            $"Endpoint=sb://lab-ns.servicebus.windows.net/;SharedAccessKeyName=agent-listen;SharedAccessKey={SecretKey};EntityPath=loadops-pool-lab\n");
        tarball = Path.Combine(work.FullName, "loadops-runner-linux-x64.tar.gz");
        File.WriteAllBytes(tarball, []);
    }

    public void Dispose() => work.Delete(recursive: true);

    private Task<ProcessRun> InstallAsync(params string[] arguments) =>
        ProcessRun.StartAsync("bash", [RepositoryFiles.PathOf("infra/byo-vm/install.sh"), .. arguments], TestContext.Current.CancellationToken);

    private string[] Valid(string runner) =>
        ["--dry-run", "--pool", "lab", "--runner", runner, "--queue-namespace", "lab-ns", "--queue-connection-file", connectionFile];

    [Fact]
    public async Task Dry_run_plans_user_runner_settings_unit_and_enable_in_order()
    {
        var run = await InstallAsync([.. Valid(tarball), "--cpu-quota", "250%"]);

        Assert.True(run.ExitCode == 0, run.AllOutput);
        var expectedInOrder = new[]
        {
            "useradd --system", // or "= user loadops exists" on a host that has it
            $"+ tar -xzf {tarball} -C /opt/loadops/runner.new",
            "+ mv /opt/loadops/runner.new /opt/loadops/runner",
            "+ write /etc/loadops/agent.env (mode 0640, owner root:loadops)",
            "| LOADOPS_POOL=lab",
            "| LOADOPS_QUEUE_NAMESPACE=lab-ns.servicebus.windows.net",
            "| LOADOPS_QUEUE_NAME=loadops-pool-lab",
            "| LOADOPS_QUEUE_CONNECTION=<redacted>",
            "/etc/systemd/system/loadops-agent.service",
            "| CPUQuota=250%",
            "+ systemctl daemon-reload",
            "+ systemctl enable loadops-agent.service",
            "+ systemctl restart loadops-agent.service",
            "dry run: nothing was changed",
        };
        var output = run.StandardOutput.Replace("= user loadops exists", "useradd --system", StringComparison.Ordinal);
        var position = 0;
        foreach (var expected in expectedInOrder)
        {
            var found = output.IndexOf(expected, position, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{expected}' missing (or out of order) in:\n{output}");
            position = found + expected.Length;
        }
    }

    [Fact]
    public async Task The_queue_connection_string_is_never_printed()
    {
        var run = await InstallAsync(Valid(tarball));

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain(SecretKey, run.AllOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("SharedAccessKey", run.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_runner_url_is_downloaded_over_https_only()
    {
        var https = await InstallAsync(Valid("https://downloads.example.test/loadops-runner-linux-x64.tar.gz"));
        Assert.Equal(0, https.ExitCode);
        Assert.Contains("curl --fail --silent --show-error --location --proto =https", https.StandardOutput, StringComparison.Ordinal);

        var http = await InstallAsync(Valid("http://downloads.example.test/loadops-runner-linux-x64.tar.gz"));
        Assert.Equal(2, http.ExitCode);
        Assert.Contains("--runner URL must use https://", http.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("+ ", http.StandardOutput, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--pool", "", "--pool is required")]
    [InlineData("--pool", "Lab_1", "must be lowercase letters, digits and hyphens")]
    [InlineData("--memory-max", "lots", "--memory-max 'lots' must look like 4G")]
    [InlineData("--cpu-quota", "3", "--cpu-quota '3' must look like 300%")]
    [InlineData("--sha256", "abc", "--sha256 must be 64 hex digits")]
    public async Task Bad_arguments_exit_2_with_a_message_naming_the_option(string option, string value, string message)
    {
        var arguments = Valid(tarball).ToList();
        var index = arguments.IndexOf(option);
        if (index >= 0)
            arguments[index + 1] = value;
        else
            arguments.AddRange([option, value]);

        var run = await InstallAsync([.. arguments]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.StandardError, StringComparison.Ordinal);
        Assert.Empty(run.StandardOutput);
    }

    [Fact]
    public async Task A_connection_file_without_a_service_bus_connection_string_is_refused()
    {
        await File.WriteAllTextAsync(connectionFile, "not a connection string", TestContext.Current.CancellationToken);

        var run = await InstallAsync(Valid(tarball));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("must hold a Service Bus connection string", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_storage_queue_url_file_configures_the_agent_without_printing_the_sas()
    {
        var urlFile = Path.Combine(work.FullName, "pool.url");
        await File.WriteAllTextAsync(urlFile, "https://acct.queue.core.windows.net/loadops-shards-pool-lab?sv=2024-01-01&sp=pu&sig=c2lnbmF0dXJl\n", TestContext.Current.CancellationToken);

        var run = await InstallAsync("--dry-run", "--pool", "lab", "--runner", tarball, "--queue-url-file", urlFile);

        Assert.True(run.ExitCode == 0, run.AllOutput);
        Assert.Contains("| LOADOPS_QUEUE_URL=<redacted>", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("LOADOPS_QUEUE_CONNECTION", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("c2lnbmF0dXJl", run.AllOutput, StringComparison.Ordinal);

        var both = await InstallAsync([.. Valid(tarball), "--queue-url-file", urlFile]);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("not both", both.StandardError, StringComparison.Ordinal);
    }
}
