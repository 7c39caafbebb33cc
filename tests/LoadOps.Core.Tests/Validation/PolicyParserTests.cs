using LoadOps.Core.Policy;

namespace LoadOps.Core.Tests.Validation;

public sealed class PolicyParserTests
{
    [Fact]
    public void Reads_every_limit()
    {
        var result = PolicyParser.Parse("p.yaml", """
            maxTotalRate: 100.5
            maxTotalUsers: 50
            maxRunners: 3
            maxDuration: 10m
            allowedHosts: [api.example.com, "*.staging.example.com"]
            """);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(new LoadPolicy
        {
            MaxTotalRate = 100.5,
            MaxTotalUsers = 50,
            MaxRunners = 3,
            MaxDuration = TimeSpan.FromMinutes(10),
            AllowedHosts = result.Policy.AllowedHosts,
        }, result.Policy);
        Assert.Equal(["api.example.com", "*.staging.example.com"], result.Policy.AllowedHosts);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void An_empty_file_keeps_the_safe_defaults(string text)
    {
        var result = PolicyParser.Parse("p.yaml", text);
        Assert.Empty(result.Errors);
        Assert.Equal(LoadPolicy.Default, result.Policy);
    }

    [Fact]
    public void Reports_policy_mistakes_with_positions()
    {
        var result = PolicyParser.Parse("p.yaml", "maxRunner: 3\nmaxTotalRate: lots\nallowedHosts: [\"https://x.com\"]\n");
        Assert.Equal([("LO004", 1, 1), ("LO005", 2, 15), ("LO051", 3, 16)], result.Errors.Select(e => (e.Code, e.Line, e.Column)));
        Assert.Contains("maxRunners", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.All(result.Errors, e => Assert.Equal("p.yaml", e.File));
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST.", true)]
    [InlineData("[::1]", true)]
    [InlineData("127.0.0.2", false)]
    [InlineData("a.staging.example.com", true)]
    [InlineData("staging.example.com", false)]
    [InlineData("evilstaging.example.com", false)]
    public void Matches_exact_hosts_and_subdomain_wildcards(string host, bool allowed)
    {
        var policy = LoadPolicy.Default with { AllowedHosts = [.. LoadPolicy.LoopbackHosts, "*.staging.example.com"] };
        Assert.Equal(allowed, policy.AllowsHost(host));
    }

    [Fact]
    public void The_default_policy_is_safe() =>
        Assert.Equal((5000.0, 2000, 20, TimeSpan.FromHours(1), 3),
            (LoadPolicy.Default.MaxTotalRate, LoadPolicy.Default.MaxTotalUsers, LoadPolicy.Default.MaxRunners,
             LoadPolicy.Default.MaxDuration, LoadPolicy.Default.AllowedHosts.Count));
}
