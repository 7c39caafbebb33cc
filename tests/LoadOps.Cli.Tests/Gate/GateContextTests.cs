using LoadOps.Cli.Gate;

namespace LoadOps.Cli.Tests.Gate;

public sealed class GateContextTests
{
    private static Func<string, string?> Environment(Dictionary<string, string?> values) => name => values.GetValueOrDefault(name);

    [Fact]
    public async Task A_push_workflow_gives_repository_sha_and_branch()
    {
        var resolved = await GateContext.ResolveAsync(null, null, null, Environment(new()
        {
            ["GITHUB_REPOSITORY"] = "octo/shop", ["GITHUB_SHA"] = "0d1a26e67d8f", ["GITHUB_REF_NAME"] = "main", ["GITHUB_REF"] = "refs/heads/main",
        }), Path.GetTempPath(), TestContext.Current.CancellationToken);

        Assert.Equal(new GateContext.Resolved("octo/shop", "0d1a26e67d8f", "main", null), resolved);
    }

    [Fact]
    public async Task A_pull_request_workflow_uses_the_head_commit_and_branch_not_the_merge_commit()
    {
        var eventFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(eventFile, """{"action":"synchronize","number":7,"pull_request":{"number":7,"head":{"sha":"6dcb09b5b578","ref":"faster-cart"}}}""", TestContext.Current.CancellationToken);
        try
        {
            var resolved = await GateContext.ResolveAsync(null, null, null, Environment(new()
            {
                ["GITHUB_REPOSITORY"] = "octo/shop", ["GITHUB_SHA"] = "merge000commit", ["GITHUB_REF_NAME"] = "7/merge", ["GITHUB_REF"] = "refs/pull/7/merge",
                ["GITHUB_HEAD_REF"] = "faster-cart", ["GITHUB_EVENT_NAME"] = "pull_request", ["GITHUB_EVENT_PATH"] = eventFile,
            }), Path.GetTempPath(), TestContext.Current.CancellationToken);

            Assert.Equal(new GateContext.Resolved("octo/shop", "6dcb09b5b578", "faster-cart", 7), resolved);
        }
        finally
        {
            File.Delete(eventFile);
        }
    }

    [Fact]
    public async Task Options_win_over_the_environment()
    {
        var resolved = await GateContext.ResolveAsync("me/mine", "abc1234", "dev", Environment(new()
        {
            ["GITHUB_REPOSITORY"] = "octo/shop", ["GITHUB_SHA"] = "0d1a26e67d8f", ["GITHUB_REF_NAME"] = "main",
        }), Path.GetTempPath(), TestContext.Current.CancellationToken);

        Assert.Equal(new GateContext.Resolved("me/mine", "abc1234", "dev", null), resolved);
    }
}
