namespace LoadOps.Cli.Tests.Serve;

public sealed class ServeLeaseOptionTests
{
    [Theory]
    [InlineData("1s")]
    [InlineData("2h")]
    [InlineData("soon")]
    public async Task A_lease_out_of_range_or_not_a_duration_is_a_usage_error_naming_the_flag(string lease)
    {
        var (exit, _, error) = await CliRun.RunAsync("serve", "--lease", lease, "--listen", "none");

        Assert.Equal(2, exit);
        Assert.Contains($"--lease '{lease}' is not a duration from 3s to 1h", error, StringComparison.Ordinal);
    }
}
