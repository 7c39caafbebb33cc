namespace LoadOps.Infra.Tests.ByoVm;

public sealed class AgentUnitTests
{
    private const string UnitPath = "infra/byo-vm/loadops-agent.service";

    private static Dictionary<string, string> Directives() =>
        RepositoryFiles.Read(UnitPath).Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && line[0] is not ('#' or '[') && line.Contains('=', StringComparison.Ordinal))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);

    [Theory]
    [InlineData("User", "loadops")]
    [InlineData("Restart", "on-failure")]
    [InlineData("NoNewPrivileges", "yes")]
    [InlineData("ProtectSystem", "strict")]
    [InlineData("ProtectHome", "yes")]
    [InlineData("PrivateTmp", "yes")]
    [InlineData("KillSignal", "SIGTERM")]
    [InlineData("EnvironmentFile", "/etc/loadops/agent.env")]
    public void Hardening_and_lifecycle_directives_are_set(string key, string value) =>
        Assert.Equal(value, Directives().GetValueOrDefault(key));

    [Fact]
    public void Limits_allow_many_sockets_and_bound_memory()
    {
        var directives = Directives();
        Assert.True(long.Parse(directives["LimitNOFILE"], System.Globalization.CultureInfo.InvariantCulture) >= 65_536);
        Assert.Matches("^[0-9]+[KMGT]$", directives["MemoryMax"]);
        Assert.Matches("^[0-9]+s$", directives["RestartSec"]);
    }

    [Fact]
    public void Stop_timeout_leaves_time_to_drain_a_shard()
    {
        var timeout = Directives()["TimeoutStopSec"];
        Assert.Matches("^[0-9]+min$", timeout);
        Assert.True(int.Parse(timeout[..^3], System.Globalization.CultureInfo.InvariantCulture) >= 10);
    }

    [Fact]
    public void Agent_runs_the_installed_runner_for_the_configured_pool()
    {
        Assert.Equal("/opt/loadops/runner/loadops-runner agent --pool ${LOADOPS_POOL}", Directives()["ExecStart"]);
        var installer = RepositoryFiles.Read("infra/byo-vm/install.sh");
        Assert.Contains("readonly ENV_FILE=$CONFIG_DIR/agent.env", installer, StringComparison.Ordinal);
        Assert.Contains("readonly CONFIG_DIR=/etc/loadops", installer, StringComparison.Ordinal);
        Assert.Contains("LOADOPS_POOL=$pool", installer, StringComparison.Ordinal);
        Assert.Contains("set -euo pipefail", installer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Systemd_accepts_the_unit()
    {
        var analyze = ProcessRun.FindOnPath("systemd-analyze");
        Assert.SkipWhen(analyze is null, "systemd-analyze is not installed on this machine; the unit was not verified by systemd.");

        // verify checks that ExecStart exists; the runner is not installed here, so point it at a binary that is.
        var directory = Directory.CreateTempSubdirectory("loadops-unit-");
        try
        {
            var unit = Path.Combine(directory.FullName, "loadops-agent.service");
            await File.WriteAllTextAsync(unit,
                RepositoryFiles.Read(UnitPath).Replace("ExecStart=/opt/loadops/runner/loadops-runner", "ExecStart=/bin/true", StringComparison.Ordinal),
                TestContext.Current.CancellationToken);

            var run = await ProcessRun.StartAsync(analyze!, ["verify", unit], TestContext.Current.CancellationToken);

            Assert.True(run.ExitCode == 0 && run.AllOutput.Trim().Length == 0, run.AllOutput);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Shellcheck_finds_nothing_in_the_install_script()
    {
        var shellcheck = ProcessRun.FindOnPath("shellcheck");
        Assert.SkipWhen(shellcheck is null, "shellcheck is not installed (apt-get install -y shellcheck); install.sh was not linted.");

        var run = await ProcessRun.StartAsync(shellcheck!, [RepositoryFiles.PathOf("infra/byo-vm/install.sh"), RepositoryFiles.PathOf("bicep/build.sh")],
            TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 0, run.AllOutput);
    }
}
