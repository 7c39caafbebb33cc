using LoadOps.Infra.Tests.Yaml;
using YamlDotNet.RepresentationModel;

namespace LoadOps.Infra.Tests.Workflows;

public sealed class WorkflowTests
{
    public static TheoryData<string> WorkflowFiles() =>
    [
        ".github/workflows/ci.yml",
        ".github/workflows/deploy.yml",
        ".github/workflows/runner-image.yml",
        "examples/workflows/loadtest-gate.yml",
    ];

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Every_job_has_a_runner_a_timeout_and_steps_that_use_or_run(string file)
    {
        var jobs = YamlFile.Load(file).Map("jobs");
        Assert.NotEmpty(jobs.Children);
        foreach (var (name, job) in jobs.Children)
        {
            Assert.False(string.IsNullOrEmpty(job.Child("runs-on").Text()), $"{file}: job {name} has no runs-on");
            Assert.NotNull(job.Child("timeout-minutes"));
            var steps = job.Child("steps").Items();
            Assert.NotEmpty(steps);
            Assert.All(steps, step => Assert.True((step.Child("uses") is null) != (step.Child("run") is null),
                $"{file}: job {name} step at {step.Start} needs exactly one of uses/run"));
        }
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Permissions_are_declared_and_contents_is_read_at_the_top(string file)
    {
        var permissions = YamlFile.Load(file).Map("permissions");
        Assert.Equal("read", permissions.Child("contents").Text());
        Assert.DoesNotContain(permissions.Children.Values, value => value.Text() == "write-all");
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void Actions_are_pinned_to_a_major_version(string file)
    {
        var uses = YamlFile.Load(file).Map("jobs").Children.Values
            .SelectMany(job => job.Child("steps").Items())
            .Select(step => step.Child("uses").Text())
            .OfType<string>()
            .ToList();
        Assert.All(uses, reference => Assert.Matches(@"^[^@\s]+@v[0-9]+$", reference));
    }

    [Fact]
    public void Deploy_signs_in_to_azure_with_oidc_and_no_stored_secret()
    {
        var workflow = YamlFile.Load(".github/workflows/deploy.yml");
        Assert.Equal("write", workflow.Map("permissions").Child("id-token").Text());
        var steps = workflow.Map("jobs").Map("deploy").Child("steps").Items();
        var login = Assert.Single(steps, step => step.Child("uses").Text()?.StartsWith("azure/login@", StringComparison.Ordinal) == true);
        var with = login.Map("with");
        Assert.Equal(["client-id", "subscription-id", "tenant-id"], with.Children.Keys.Select(key => key.Text()).Order());
        Assert.DoesNotContain("secrets.", RepositoryFiles.Read(".github/workflows/deploy.yml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Deploy_publishes_the_isolated_worker_app_and_deploys_the_bicep_output()
    {
        var scripts = string.Join('\n', YamlFile.Load(".github/workflows/deploy.yml").Map("jobs").Map("deploy").Child("steps").Items()
            .Select(step => step.Child("run").Text()).OfType<string>());
        Assert.Contains("dotnet publish functions/LoadOps.Functions --configuration Release", scripts, StringComparison.Ordinal);
        Assert.Contains("functions.metadata", scripts, StringComparison.Ordinal);
        Assert.DoesNotContain("handler", scripts, StringComparison.Ordinal);
        Assert.Contains("az deployment group create", scripts, StringComparison.Ordinal);
        Assert.Contains("--template-file bicep/out/main.json", scripts, StringComparison.Ordinal);
    }

    [Fact]
    public void Ci_runs_the_ci_script_and_packs_the_tool()
    {
        var scripts = string.Join('\n', YamlFile.Load(".github/workflows/ci.yml").Map("jobs").Map("build-test").Child("steps").Items()
            .Select(step => step.Child("run").Text()).OfType<string>());
        Assert.Contains("npm ci", scripts, StringComparison.Ordinal);
        Assert.Contains("bash .ci/run", scripts, StringComparison.Ordinal);
        Assert.Contains("dotnet pack cli/LoadOps.Cli", scripts, StringComparison.Ordinal);
        Assert.Contains("bash bicep/build.sh", RepositoryFiles.Read(".ci/run"), StringComparison.Ordinal);
    }

    [Fact]
    public void Runner_image_builds_the_dockerfile_on_tags_and_pushes_to_ghcr()
    {
        var workflow = YamlFile.Load(".github/workflows/runner-image.yml");
        Assert.Equal(["v*"], workflow.Map("on").Map("push").Child("tags").Items().Select(tag => tag.Text()));
        var image = workflow.Map("jobs").Map("image");
        Assert.Equal("write", image.Map("permissions").Child("packages").Text());
        var build = Assert.Single(image.Child("steps").Items(), step => step.Child("uses").Text()?.StartsWith("docker/build-push-action@", StringComparison.Ordinal) == true);
        Assert.Equal("runner-image/Dockerfile", build.Map("with").Child("file").Text());
        Assert.Contains("ghcr.io/", RepositoryFiles.Read(".github/workflows/runner-image.yml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_scripts_never_interpolate_inputs_directly()
    {
        // ${{ }} inside a run script is pasted into the shell before it runs: a crafted input becomes code.
        foreach (var file in WorkflowFiles().Select(row => row.Data).Append("action.yml"))
        {
            var root = YamlFile.Load(file);
            var steps = root.Child("jobs") is YamlMappingNode jobs
                ? jobs.Children.Values.SelectMany(job => job.Child("steps").Items())
                : root.Map("runs").Child("steps").Items();
            foreach (var script in steps.Select(step => step.Child("run").Text()).OfType<string>())
                Assert.DoesNotContain("${{", script, StringComparison.Ordinal);
        }
    }
}
