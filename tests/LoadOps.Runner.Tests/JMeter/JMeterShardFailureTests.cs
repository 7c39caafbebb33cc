using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;
using LoadOps.Runner.Execution;

namespace LoadOps.Runner.Tests.JMeter;

/// <summary>
/// A JMeter that exits non-zero fails the shard with its reason and writes no result. The launcher here is a stub
/// shell script: real JMeter rarely exits non-zero on a bad plan (it prints the error and exits 0, which
/// JMeterRunTests in LoadOps.Cli.Tests pins with Debian's JMeter), so the exit path needs one.
/// </summary>
public sealed class JMeterShardFailureTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("loadops-jmeter-shard-").FullName;

    private static ShardSpec Spec() => new()
    {
        RunId = "r1",
        ShardId = "r1-s000",
        ShardIndex = 0,
        ShardCount = 1,
        Location = "local",
        StartAt = DateTimeOffset.UnixEpoch,
        DefinitionHash = "hash",
        Definition = new LoadTestDefinition
        {
            Name = "shop-jmeter",
            Target = new TargetSpec { BaseUrl = "http://127.0.0.1:9" },
            Load = new LoadSpec { Model = LoadModel.Closed, Stages = [new StageSpec(TimeSpan.FromSeconds(1), 1)] },
            Scenarios = [],
            Engine = new EngineSpec(EngineKind.JMeter, "plans/checkout.jmx") { Plan = "<jmeterTestPlan/>" },
        },
    };

    private async Task<ShardRunResult> RunAsync(string script)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the stub launcher is a POSIX shell script");
        var launcher = Path.Combine(_folder, "jmeter");
        await File.WriteAllTextAsync(launcher, "#!/bin/sh\n" + script + "\n", TestContext.Current.CancellationToken);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new ShardRunnerOptions
        {
            Output = TextWriter.Null,
            Environment = name => name == "LOADOPS_JMETER" ? launcher : null,
        };
        return await ShardRunner.RunAsync(Spec(), Path.Combine(_folder, "out"), TestContext.Current.CancellationToken, options);
    }

    [Fact]
    public async Task A_non_zero_exit_fails_the_shard_with_jmeters_error_line()
    {
        var run = await RunAsync("echo 'Creating summariser <summary>'\necho 'Error: Unknown property in plan' >&2\nexit 1");

        Assert.False(run.Started);
        Assert.Equal("JMeter failed (exit code 1): Error: Unknown property in plan", Assert.Single(run.Errors));
        Assert.False(File.Exists(Path.Combine(_folder, "out", "result.json")));
    }

    [Fact]
    public async Task A_run_that_writes_no_samples_says_what_the_plan_should_read()
    {
        var run = await RunAsync("echo '... end of run'\nexit 0");

        Assert.Contains("${__P(threads,1)}", Assert.Single(run.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plan_and_this_shards_share_are_handed_to_jmeter()
    {
        // The stub writes what it was given as one sample's label, so the import shows the command line.
        var run = await RunAsync("""
            printf 'timeStamp,elapsed,label,responseCode,success,threadName\n1796350347626,5,"%s",200,true,shopper 1-1\n' "$*" > results.jtl
            test -s plan.jmx || exit 3
            """);

        Assert.True(run.Started, string.Join("\n", run.Errors));
        var label = Assert.Single(run.Result!.Steps).Step;
        Assert.Contains("-n -t plan.jmx -l results.jtl", label, StringComparison.Ordinal);
        Assert.Contains("-Jthreads=1 -Jrampup=1 -Jduration=1 -Jprotocol=http -Jhost=127.0.0.1 -Jport=9", label, StringComparison.Ordinal);
        Assert.Equal("r1-s000", run.Result.ShardId);
        Assert.Equal("hash", run.Result.DefinitionHash);
    }

    [Fact]
    public async Task A_hand_made_spec_with_an_open_load_is_refused_before_jmeter_is_looked_for()
    {
        var spec = Spec() with { ShardCount = 0 };
        spec = spec with { Definition = spec.Definition with { Load = new LoadSpec { Model = LoadModel.Open, Stages = [new StageSpec(TimeSpan.FromSeconds(1), 5)] } } };

        var run = await ShardRunner.RunAsync(spec, Path.Combine(_folder, "out"), TestContext.Current.CancellationToken,
            new ShardRunnerOptions { Output = TextWriter.Null, Environment = _ => null });

        Assert.Equal(2, run.Errors.Count);
        Assert.Contains(run.Errors, e => e.Contains("needs a closed load", StringComparison.Ordinal));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
