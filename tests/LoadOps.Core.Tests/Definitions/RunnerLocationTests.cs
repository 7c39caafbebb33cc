using LoadOps.Core.Definitions;

namespace LoadOps.Core.Tests.Definitions;

public sealed class RunnerLocationTests
{
    [Theory]
    [InlineData("local", RunnerKind.Local, null)]
    [InlineData("azure/westeurope", RunnerKind.Azure, "westeurope")]
    [InlineData("aws/us-east-1", RunnerKind.Aws, "us-east-1")]
    [InlineData("pool/lab", RunnerKind.Pool, "lab")]
    public void Parses_known_locations(string text, RunnerKind kind, string? name)
    {
        Assert.True(RunnerLocation.TryParse(text, out var location));
        Assert.Equal(new RunnerLocation(kind, name), location);
        Assert.Equal(text, location.ToString());
    }

    [Theory]
    [InlineData("gcp/europe-west1")]
    [InlineData("azure/")]
    [InlineData("/westeurope")]
    [InlineData("azure/West Europe")]
    [InlineData("Local")]
    public void Rejects_unknown_locations(string text) => Assert.False(RunnerLocation.TryParse(text, out _));
}
