namespace LoadOps.Cli.Tests;

public sealed class CliCommandsTests
{
    [Fact]
    public void Command_names_are_unique()
    {
        var names = CliCommands.All().Select(c => c.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Theory]
    [InlineData("validate", "--bogus")]
    [InlineData("no-such-command")]
    [InlineData("validate", "--format")]
    public async Task Usage_errors_exit_2_with_a_message(params string[] args)
    {
        var (exit, _, error) = await CliRun.RunAsync(args);

        Assert.Equal(ExitCodes.Usage, exit);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
