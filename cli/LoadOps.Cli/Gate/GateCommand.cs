using System.CommandLine;
using LoadOps.Core.Definitions;

namespace LoadOps.Cli.Gate;

/// <summary>
/// <c>loadops gate --url URL [--timeout 30m] [--out DIR] [--test NAME|FILE] [--repository R] [--commit SHA] [--branch B]</c>:
/// for CI. The token comes from <c>LOADOPS_TOKEN</c>, never from the command line. Exit 0 pass, 1 fail, 3 inconclusive,
/// incomplete or timed out, 2 usage, invalid definition, refused token or unreachable URL.
/// </summary>
internal static class GateCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "Base URL of the LoadOps Functions app (or of loadops serve).", Required = true };
        var timeout = new Option<string?>("--timeout") { Description = "How long to wait for the verdict, e.g. 30m (default 30m); past it the gate is inconclusive." };
        var outDirectory = new Option<string?>("--out", "-o") { Description = "Folder for report.md and summary.json (default loadops-out/gate)." };
        var test = new Option<string?>("--test") { Description = "Definition name or file to start a run of; without it, wait for the runs the commit's push started." };
        var repository = new Option<string?>("--repository") { Description = "owner/name (default $GITHUB_REPOSITORY, else git's origin)." };
        var commit = new Option<string?>("--commit") { Description = "Commit SHA (default the pull request's head, $GITHUB_SHA, else git's HEAD)." };
        var branch = new Option<string?>("--branch") { Description = "Branch (default $GITHUB_HEAD_REF or $GITHUB_REF_NAME, else git's)." };
        var command = new Command("gate", $"For CI: start a run through the LoadOps API (or wait for the one a push started), wait, print the report, exit like run. Token from ${GateOptions.TokenVariable}.")
        {
            url, timeout, outDirectory, test, repository, commit, branch,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = parse.InvocationConfiguration;
            var request = new GateRequest(
                parse.GetValue(url)!, parse.GetValue(timeout), parse.GetValue(outDirectory), parse.GetValue(test),
                parse.GetValue(repository), parse.GetValue(commit), parse.GetValue(branch));
            var options = await request.ResolveAsync(Environment.GetEnvironmentVariable, configuration.Error, cancellationToken);
            if (options is null)
                return ExitCodes.Usage;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            return await new GateRunner(http, configuration.Output, configuration.Error, TimeProvider.System).RunAsync(options, cancellationToken);
        });
        return command;
    }

    /// <summary>The default and the limits of <c>--timeout</c>.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    public static bool TryTimeout(string? text, out TimeSpan timeout)
    {
        timeout = DefaultTimeout;
        return text is null || (DurationText.TryParse(text, out timeout) && timeout > TimeSpan.Zero && timeout <= TimeSpan.FromHours(24));
    }
}
