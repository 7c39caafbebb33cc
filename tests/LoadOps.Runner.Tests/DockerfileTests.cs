namespace LoadOps.Runner.Tests;

/// <summary>No Docker engine here: the runner image's Dockerfile is checked for the structure it must keep.</summary>
public sealed class DockerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Dockerfile"))
        .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray();

    [Fact]
    public void Builds_with_the_sdk_and_runs_on_a_runtime_image()
    {
        var stages = Lines.Where(l => l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();

        Assert.Equal(2, stages.Count);
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/sdk:10\.0 AS build$", stages[0]);
        Assert.Matches(@"^FROM mcr\.microsoft\.com/dotnet/(runtime|runtime-deps|aspnet):10\.0 AS \w+$", stages[1]);
        Assert.Contains(Lines, l => l.StartsWith("COPY --from=build ", StringComparison.Ordinal));
    }

    [Fact]
    public void Runs_as_a_non_root_user_with_the_runner_as_entry_point()
    {
        var finalStage = Lines.SkipWhile(l => !l.Contains("AS runtime", StringComparison.Ordinal)).ToList();
        var user = Assert.Single(finalStage, l => l.StartsWith("USER ", StringComparison.Ordinal));

        Assert.DoesNotMatch(@"USER\s+(root|0)\b", user);
        Assert.Equal("ENTRYPOINT [\"/app/loadops-runner\"]", Assert.Single(finalStage, l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)));
        Assert.True(finalStage.IndexOf(user) < finalStage.FindIndex(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)));
        Assert.Contains(Lines, l => l.Contains("dotnet publish runner-image/LoadOps.Runner/LoadOps.Runner.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void The_default_command_is_the_cloud_runners_entry_reading_its_work_from_the_environment()
    {
        // ACI sets LOADOPS_WORK, ECS sets LOADOPS_SHARD_QUEUE; bare `shard` picks whichever is present.
        Assert.Equal("CMD [\"shard\", \"--out\", \"/results\"]", Assert.Single(Lines, l => l.StartsWith("CMD", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_runtime_has_jmeter_checked_against_its_digest_and_a_java_runtime_for_engine_jmeter()
    {
        Assert.Contains(Lines, l => l.Contains("archive.apache.org/dist/jmeter/binaries/apache-jmeter-", StringComparison.Ordinal));
        Assert.Contains(Lines, l => l.Contains("sha512sum -c", StringComparison.Ordinal));
        var finalStage = Lines.SkipWhile(l => !l.Contains("AS runtime", StringComparison.Ordinal)).ToList();
        Assert.Contains(finalStage, l => l.Contains("openjdk-17-jre-headless", StringComparison.Ordinal));
        Assert.Contains("COPY --from=build /opt/apache-jmeter /opt/apache-jmeter", finalStage);
        Assert.Contains("ENV LOADOPS_JMETER=/opt/apache-jmeter/bin/jmeter", finalStage);
    }
}
