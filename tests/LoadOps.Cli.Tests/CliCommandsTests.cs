namespace LoadOps.Cli.Tests;

public sealed class CliCommandsTests
{
    [Fact]
    public void Command_names_are_unique()
    {
        var names = CliCommands.All().Select(c => c.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
    }
}
