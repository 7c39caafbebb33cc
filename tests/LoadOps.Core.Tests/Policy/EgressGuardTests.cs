using System.Net;
using LoadOps.Core.Policy;

namespace LoadOps.Core.Tests.Policy;

public sealed class EgressGuardTests
{
    private static IPAddress[] Addresses(params string[] text) => [.. text.Select(IPAddress.Parse)];

    [Theory]
    [InlineData("api.staging.example.com", "127.0.0.1")] // Regression: a hosts entry mapping an allowed name to loopback was used.
    [InlineData("api.staging.example.com", "169.254.169.254")]
    [InlineData("api.staging.example.com", "10.0.0.5")]
    [InlineData("api.staging.example.com", "192.168.1.10")]
    [InlineData("api.staging.example.com", "fd00::1")]
    [InlineData("api.staging.example.com", "::ffff:10.1.2.3")]
    [InlineData("localhost", "93.184.216.34")]
    [InlineData("api.staging.example.com", "0.0.0.0")]
    public void An_address_outside_the_rules_is_refused(string host, string address)
    {
        var decision = EgressGuard.Check(host, Addresses(address), EgressRules.Strict);

        Assert.False(decision.Allowed);
        Assert.Contains(host, decision.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void One_bad_address_among_good_ones_refuses_the_name()
    {
        var decision = EgressGuard.Check("api.example.com", Addresses("93.184.216.34", "127.0.0.1"), EgressRules.Strict);

        Assert.False(decision.Allowed);
    }

    [Theory]
    [InlineData("api.example.com", "93.184.216.34", "93.184.216.34")]
    [InlineData("127.0.0.1", "127.0.0.1", "127.0.0.1")]
    [InlineData("localhost", "127.0.0.1", "127.0.0.1")]
    [InlineData("[::1]", "::1", "::1")]
    [InlineData("api.example.com", "::ffff:93.184.216.34", "93.184.216.34")]
    public void An_acceptable_name_returns_the_checked_address_to_connect_to(string host, string resolved, string expected)
    {
        var decision = EgressGuard.Check(host, Addresses(resolved), EgressRules.Strict);

        Assert.Equal(IPAddress.Parse(expected), decision.Address);
    }

    [Fact]
    public void Private_and_link_local_ranges_pass_only_when_allowed()
    {
        var rules = new EgressRules { AllowPrivate = true, AllowLinkLocal = true };

        Assert.True(EgressGuard.Check("staging.internal", Addresses("10.0.0.5"), rules).Allowed);
        Assert.True(EgressGuard.Check("staging.internal", Addresses("172.20.0.5"), rules).Allowed);
        Assert.True(EgressGuard.Check("metadata", Addresses("169.254.169.254"), rules).Allowed);
        Assert.False(EgressGuard.Check("staging.internal", Addresses("127.0.0.1"), rules).Allowed);
    }

    [Theory]
    [InlineData("localhost.")]
    [InlineData("LOCALHOST")]
    [InlineData("app.localhost")]
    public async Task Regression_localhost_with_a_trailing_dot_stays_on_loopback_without_dns(string host)
    {
        var decision = await EgressGuard.CheckAsync(host, EgressRules.Strict, TestContext.Current.CancellationToken);

        Assert.Equal(IPAddress.Loopback, decision.Address);
    }

    [Fact]
    public async Task An_ip_literal_is_checked_as_itself()
    {
        var decision = await EgressGuard.CheckAsync("169.254.169.254", EgressRules.Strict, TestContext.Current.CancellationToken);

        Assert.False(decision.Allowed);
        Assert.Contains("link-local", decision.Problem, StringComparison.Ordinal);
    }
}
