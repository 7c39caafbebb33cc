using LoadOps.Cli.Serve;
using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;
using LoadOps.Pipeline;

namespace LoadOps.Cli.Tests.Serve;

public sealed class ServeLauncherTests
{
    private sealed class Recording(string name) : IShardLauncher
    {
        public List<string> Locations { get; } = [];

        public Task<ShardLaunch> LaunchAsync(ShardSpec spec, CancellationToken cancellationToken)
        {
            Locations.Add(spec.Location);
            return Task.FromResult(ShardLaunch.Running(name));
        }
    }

    [Theory]
    [InlineData("pool/lab", "pools")]
    [InlineData("local", "local")]
    [InlineData("azure/westeurope", "local")]
    public async Task Pool_locations_go_to_the_pool_launcher_and_the_rest_to_local_processes(string location, string expected)
    {
        var (local, pools) = (new Recording("local"), new Recording("pools"));
        var spec = new ShardSpec
        {
            RunId = "r", ShardId = "r-s000", ShardIndex = 0, ShardCount = 1, Location = location, StartAt = DateTimeOffset.UnixEpoch, DefinitionHash = "h",
            Definition = new LoadTestDefinition
            {
                Name = "t", Target = new TargetSpec { BaseUrl = "http://127.0.0.1:9" },
                Load = new LoadSpec { Model = LoadModel.Open, Stages = [new StageSpec(TimeSpan.FromSeconds(1), 1)] },
                Scenarios = [new ScenarioSpec("s", 1, [new StepSpec { Name = "get", Method = "GET", Path = "/" }])],
            },
        };

        var launch = await new ServeLauncher(local, pools).LaunchAsync(spec, TestContext.Current.CancellationToken);

        Assert.Equal(expected, launch.Detail);
        Assert.Equal([location], (expected == "pools" ? pools : local).Locations);
    }
}
