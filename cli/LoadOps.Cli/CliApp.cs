using System.CommandLine;

namespace LoadOps.Cli;

/// <summary>Parses and runs one <c>loadops</c> command line; Program and the tests both come through here.</summary>
internal static class CliApp
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("LoadOps: performance testing as code.");
        foreach (var command in CliCommands.All())
            root.Add(command);
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var parsed = CreateRoot().Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // CONTRACTS.md: every usage error exits 2, whatever the command.
            foreach (var problem in parsed.Errors)
                await error.WriteLineAsync($"error: {problem.Message}");
            await error.WriteLineAsync("Run 'loadops --help' for usage.");
            return ExitCodes.Usage;
        }
        // Ctrl-C is handled by Program (it cancels the token): the library's own handler would end the process 2 s later,
        // before the runners have written their partial results and the reports are out.
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null }, cancellationToken);
    }
}
