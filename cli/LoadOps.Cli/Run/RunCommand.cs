using System.CommandLine;

namespace LoadOps.Cli.Run;

/// <summary>
/// <c>loadops run FILE [--out DIR] [--runners N] [--target URL]</c>: the whole pipeline on this machine.
/// Exit 0 pass, 1 fail or regression, 3 inconclusive or incomplete, 2 usage or invalid definition.
/// </summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "A *.loadtest.yaml definition." };
        var outDirectory = new Option<string?>("--out", "-o") { Description = "Folder for result.json, evaluation.json and reports (default loadops-out/TEST/RUN)." };
        var runners = new Option<int?>("--runners", "-n") { Description = "Number of local runner processes (default: the definition's total)." };
        var target = new Option<string?>("--target") { Description = "Base URL to load instead of the definition's (must be allowed by the policy)." };
        var branch = new Option<string?>("--branch") { Description = "Branch this run belongs to in the history (default: git's, else the baseline branch)." };
        var commit = new Option<string?>("--commit") { Description = "Commit to record (default: git's HEAD)." };
        var history = new Option<string?>("--history") { Description = "History folder for baselines (default: .loadops/history in the repository)." };
        var policy = new Option<string?>("--policy") { Description = "Policy file (default: .loadops/policy.yaml in the repository)." };
        var noHistory = new Option<bool>("--no-history") { Description = "Do not add this run to the history." };
        var rate = new Option<double?>("--rate") { Description = "Open model: scale the stages to this peak arrival rate (iterations/s); recorded in the result." };
        var users = new Option<int?>("--users") { Description = "Closed model: scale the stages to this many peak users; recorded in the result." };
        var duration = new Option<string?>("--duration") { Description = "Scale the stages to this total duration (e.g. 30s); recorded in the result." };
        var environment = new Option<string[]>("--env", "-e") { Description = "NAME=VALUE for {{ env.NAME }} in the definition (repeatable)." };
        var repeat = new Option<int?>("--repeat") { Description = $"Repeat the run up to N times (1-{Core.Regression.RepeatPlan.MaxRepeats}) while the baseline comparison is not settled; overrides baseline.repeat." };
        repeat.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } n && (n < 1 || n > Core.Regression.RepeatPlan.MaxRepeats))
                result.AddError($"--repeat {n} is out of range; give 1 to {Core.Regression.RepeatPlan.MaxRepeats}.");
        });
        var command = new Command("run", "Run a load test on this machine: validate, plan, local runners, merge, evaluate, report.")
        {
            file, outDirectory, runners, target, branch, commit, history, policy, noHistory, rate, users, duration, environment, repeat,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var options = new RunOptions(parse.GetValue(file)!)
            {
                OutDirectory = parse.GetValue(outDirectory),
                Runners = parse.GetValue(runners),
                Target = parse.GetValue(target),
                Branch = parse.GetValue(branch),
                Commit = parse.GetValue(commit),
                HistoryDirectory = parse.GetValue(history),
                PolicyFile = parse.GetValue(policy),
                NoHistory = parse.GetValue(noHistory),
                Rate = parse.GetValue(rate),
                Users = parse.GetValue(users),
                Duration = parse.GetValue(duration),
                Environment = parse.GetValue(environment) ?? [],
                Repeat = parse.GetValue(repeat),
            };
            var configuration = parse.InvocationConfiguration;
            var interactive = ReferenceEquals(configuration.Output, Console.Out) && !Console.IsOutputRedirected;
            return new LocalPipeline(configuration.Output, configuration.Error, interactive, TimeProvider.System).RunAsync(options, cancellationToken);
        });
        return command;
    }
}
