using System.CommandLine;
using LoadOps.Cli.Compare;
using LoadOps.Cli.Gate;
using LoadOps.Cli.History;
using LoadOps.Cli.Import;
using LoadOps.Cli.Merge;
using LoadOps.Cli.Report;
using LoadOps.Cli.Run;
using LoadOps.Cli.Serve;
using LoadOps.Cli.Validate;

namespace LoadOps.Cli;

/// <summary>The commands of <c>loadops</c>; each lives in its own folder and builds its own <see cref="Command"/>.</summary>
internal static class CliCommands
{
    public static IEnumerable<Command> All()
    {
        yield return ValidateCommand.Create();
        yield return RunCommand.Create();
        yield return MergeCommand.Create();
        yield return CompareCommand.Create();
        yield return ReportCommand.Create();
        yield return BaselineCommand.Create();
        yield return ServeCommand.Create();
        yield return GateCommand.Create();
        yield return ImportCommand.Create();
    }
}
