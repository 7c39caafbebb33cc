using LoadOps.Core.Policy;

namespace LoadOps.Core.Tests.Policy;

public sealed class RepositoryCapsTests
{
    private static readonly LoadPolicy Policy = new() { MaxConcurrentRate = 1_000, MaxConcurrentUsers = 100, MaxConcurrentRunners = 10 };

    [Fact]
    public void A_run_that_fits_beside_the_others_is_admitted() =>
        Assert.Null(RepositoryCaps.Refusal(Policy, "o/r", new RunDemand(600, 0, 4), 2, new RunDemand(400, 0, 6)));

    [Fact]
    public void Exceeding_the_rate_cap_names_the_cap_and_the_usage()
    {
        var refusal = RepositoryCaps.Refusal(Policy, "octo/shop", new RunDemand(700.5, 20, 3), 2, new RunDemand(400, 0, 2));
        Assert.NotNull(refusal);
        Assert.Contains("maxConcurrentRate 1000", refusal, StringComparison.Ordinal);
        Assert.Contains("this run's 400 requests/s", refusal, StringComparison.Ordinal);
        Assert.Contains("2 runs of octo/shop going on use 700.5 requests/s, 20 users and 3 runners", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Exceeding_the_users_cap_is_refused() =>
        Assert.Contains("maxConcurrentUsers 100", RepositoryCaps.Refusal(Policy, "o/r", new RunDemand(0, 90, 1), 1, new RunDemand(0, 11, 1)), StringComparison.Ordinal);

    [Fact]
    public void Exceeding_the_runners_cap_is_refused() =>
        Assert.Contains("maxConcurrentRunners 10", RepositoryCaps.Refusal(Policy, "o/r", new RunDemand(10, 0, 8), 1, new RunDemand(10, 0, 3)), StringComparison.Ordinal);

    [Fact]
    public void Exactly_at_the_cap_is_admitted() =>
        Assert.Null(RepositoryCaps.Refusal(Policy, "o/r", new RunDemand(500, 50, 5), 1, new RunDemand(500, 50, 5)));

    [Fact]
    public void The_policy_file_sets_the_caps()
    {
        var result = PolicyParser.Parse("p.yaml", "maxConcurrentRate: 250\nmaxConcurrentUsers: 30\nmaxConcurrentRunners: 4\n");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal((250d, 30, 4), (result.Policy.MaxConcurrentRate, result.Policy.MaxConcurrentUsers, result.Policy.MaxConcurrentRunners));
    }

    [Fact]
    public void A_cap_of_zero_runners_is_a_located_error() =>
        Assert.Contains(PolicyParser.Parse("p.yaml", "maxConcurrentRunners: 0\n").Errors, e => e.Line == 1 && e.Message.Contains("maxConcurrentRunners", StringComparison.Ordinal));
}
