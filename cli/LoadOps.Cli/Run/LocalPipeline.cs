using LoadOps.Cli.Files;
using LoadOps.Cli.History;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Planning;
using LoadOps.Core.Results;

namespace LoadOps.Cli.Run;

/// <summary>
/// <c>loadops run</c>: the pipeline's stages in one process: validate, plan, local runner processes, collect and merge,
/// evaluate against thresholds and the local history, report. Nothing is lost on failure: whatever the runners wrote
/// is merged and reported, marked partial or incomplete.
/// </summary>
internal sealed class LocalPipeline(TextWriter output, TextWriter error, bool interactive, TimeProvider clock)
{
    public async Task<int> RunAsync(RunOptions options, CancellationToken cancellationToken)
    {
        var prepared = await RunPreparation.PrepareAsync(options, error, cancellationToken);
        if (prepared is null)
            return ExitCodes.Usage;
        var definition = prepared.Definition;

        var repository = RepositoryRoot.Find(options.File) ?? Directory.GetCurrentDirectory();
        var git = await GitInfo.ReadAsync(Path.GetDirectoryName(Path.GetFullPath(options.File))!, cancellationToken);
        // Without git, a local series still needs a branch: the one the baseline compares against.
        var branch = options.Branch ?? git.Branch ?? definition.Baseline?.Branch ?? "main";
        var identity = new RunIdentity(RunIdentity.NewRunId(clock.GetUtcNow()), options.Commit ?? git.Commit, branch);
        var plan = RunPlanner.Plan(definition, prepared.Hash, identity, clock.GetUtcNow(), new PlanOptions { StartDelay = TimeSpan.FromSeconds(3) });
        var outDirectory = Path.GetFullPath(options.OutDirectory ?? Path.Combine("loadops-out", definition.Name, identity.RunId));
        Directory.CreateDirectory(outDirectory);

        await output.WriteLineAsync($"run {identity.RunId} of '{definition.Name}' on {branch}{(identity.Commit is null ? "" : $" at {identity.Commit[..Math.Min(12, identity.Commit.Length)]}")}");
        foreach (var note in prepared.Notes)
            await output.WriteLineAsync("  " + note);

        ShardCollector.Collected collected;
        try
        {
            collected = await LoadAsync(plan, definition.Load.TotalDuration, outDirectory, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or System.ComponentModel.Win32Exception)
        {
            await error.WriteLineAsync($"error: the runners could not start: {e.Message}");
            return ExitCodes.Inconclusive;
        }
        foreach (var problem in collected.Problems)
            await error.WriteLineAsync("warning: " + problem);
        if (collected.Merged is null)
        {
            await error.WriteLineAsync($"error: no runner produced a result; see the runner logs under {Path.Combine(outDirectory, "shards")}.");
            return ExitCodes.Inconclusive;
        }

        if (prepared.Overrides.Count > 0)
            collected = collected with { Merged = collected.Merged with { Settings = (collected.Merged.Settings ?? new RunSettings()) with { Overrides = prepared.Overrides } } };
        var history = new LocalHistoryStore(options.HistoryDirectory ?? Path.Combine(repository, LocalHistoryStore.DefaultFolder));
        var evaluated = await EvaluateAsync(collected.Merged, definition, history, cancellationToken);
        var files = await RunOutputs.WriteAsync(outDirectory, collected.Merged, evaluated.Summary, evaluated.Evaluation, error, cancellationToken);
        if (!options.NoHistory)
            await history.SaveAsync(collected.Merged, cancellationToken);

        foreach (var line in ResultDigest.Lines(collected.Merged, evaluated.Summary))
            await output.WriteLineAsync("  " + line);
        RunSummaryPrinter.Print(output, interactive, evaluated.Summary, evaluated.Evaluation, files);
        return evaluated.Evaluation.Verdict switch
        {
            RunVerdict.Fail or RunVerdict.Regression => ExitCodes.Failed,
            RunVerdict.Inconclusive => ExitCodes.Inconclusive,
            _ => ExitCodes.Ok,
        };
    }

    private async Task<ShardCollector.Collected> LoadAsync(RunPlan plan, TimeSpan duration, string outDirectory, CancellationToken cancellationToken)
    {
        using var pool = LocalShardPool.Start(plan, outDirectory);
        var finished = pool.WaitAsync(plan.Deadline, clock, cancellationToken);
        await new RunProgress(output, interactive, clock).WatchAsync(pool.Shards, plan.StartAt, duration, finished, cancellationToken);
        if (!await finished)
            await error.WriteLineAsync(cancellationToken.IsCancellationRequested
                ? "stopping: runners were asked to stop and write what they measured"
                : "deadline passed: runners that had not finished were stopped");
        // Collect even after Ctrl-C: the partial results are the user's data.
        return await ShardCollector.CollectAsync(pool.Shards, CancellationToken.None);
    }

    private static async Task<(ResultSummary Summary, RunEvaluation Evaluation)> EvaluateAsync(
        ResultFile merged, Core.Definitions.LoadTestDefinition definition, LocalHistoryStore history, CancellationToken cancellationToken)
    {
        var summary = ResultSummarizer.Summarize(merged);
        var baseline = new List<(ResultFile, ResultSummary)>();
        if (definition.Baseline is { } spec)
        {
            var skipped = new List<string>();
            foreach (var run in await history.LoadBaselineAsync(definition.Name, spec.Branch, spec.Runs, skipped, cancellationToken))
            {
                if (run.DefinitionHash == merged.DefinitionHash)
                    baseline.Add((run, ResultSummarizer.Summarize(run)));
            }
        }
        return (summary, RunEvaluator.Evaluate(merged, summary, definition, baseline));
    }
}
