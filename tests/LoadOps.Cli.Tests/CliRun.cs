namespace LoadOps.Cli.Tests;

/// <summary>Runs a <c>loadops</c> command line the way Program does (through <see cref="CliApp"/>), capturing both streams.</summary>
internal static class CliRun
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }
}
