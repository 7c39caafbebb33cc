using LoadOps.Cli.Files;
using LoadOps.Cli.History;
using LoadOps.Core.Definitions;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Planning;
using LoadOps.Core.Results;

namespace LoadOps.Cli.Run;

/// <summary>
/// <c>loadops run</c>: the pipeline's stages in one process: validate, plan, local runner processes, collect and merge,
/// evaluate against thresholds and the local history, report. With <c>baseline.repeat</c> (or <c>--repeat</c>) the run is
/// repeated while the comparison is not settled, and the repeats are judged together. Nothing is lost on failure or
/// Ctrl-C: whatever the runners wrote is merged and reported, marked partial or incomplete, and the exit code is 3.
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
        var commit = options.Commit ?? git.Commit;
        var looks = definition.Baseline is null ? 1 : options.Repeat ?? definition.Baseline.Repeat;
        var history = new LocalHistoryStore(options.HistoryDirectory ?? Path.Combine(repository, LocalHistoryStore.DefaultFolder));
        var selection = await SelectBaselineAsync(definition, prepared.Hash, history, cancellationToken);

        var runs = new List<(ResultFile Merged, ResultSummary Summary)>();
        var repeats = new List<RepeatRun>();
        RunEvaluation? evaluation = null;
        string? outDirectory = null;
        IReadOnlyList<string> files = [];
        for (var look = 1; look <= looks; look++)
        {
            var identity = new RunIdentity(RunIdentity.NewRunId(clock.GetUtcNow()), commit, branch);
            var plan = RunPlanner.Plan(definition, prepared.Hash, identity, clock.GetUtcNow(), new PlanOptions { StartDelay = TimeSpan.FromSeconds(3) }, prepared.Data);
            var folder = Path.GetFullPath(options.OutDirectory is { } o
                ? (looks == 1 ? o : Path.Combine(o, look == 1 ? "" : $"repeat-{look}"))
                : Path.Combine("loadops-out", definition.Name, identity.RunId));
            Directory.CreateDirectory(folder);
            await output.WriteLineAsync($"run {identity.RunId} of '{definition.Name}' on {branch}{(commit is null ? "" : $" at {commit[..Math.Min(12, commit.Length)]}")}" +
                (looks > 1 ? $" (run {look} of at most {looks})" : ""));
            if (look == 1)
            {
                foreach (var note in prepared.Notes.Concat(selection.Notes))
                    await output.WriteLineAsync("  " + note);
            }

            var collected = await CollectAsync(plan, definition.Load.TotalDuration, folder, cancellationToken);
            if (collected?.Merged is not { } merged)
                return runs.Count == 0 ? ExitCodes.Inconclusive : Exit(evaluation!);
            if (prepared.Overrides.Count > 0)
                merged = merged with { Settings = (merged.Settings ?? new RunSettings()) with { Overrides = prepared.Overrides } };
            // After Ctrl-C the token is cancelled, but the partial results are the user's data: judge and write them regardless.
            var summary = ResultSummarizer.Summarize(merged);
            var context = looks == 1 ? null : new RepeatContext([.. runs.Select(r => r.Summary)], look, looks) { History = repeats };
            evaluation = RunEvaluator.Evaluate(merged, summary, definition, selection.Runs, context, selection.Level);
            evaluation = evaluation with { Regression = evaluation.Regression is { } r ? r with { Notes = [.. selection.Notes, .. r.Notes] } : null };
            files = await RunOutputs.WriteAsync(folder, merged, summary, evaluation, error, CancellationToken.None);
            runs.Add((merged, summary));
            repeats = [.. evaluation.Repeats];
            outDirectory ??= folder;
            if (cancellationToken.IsCancellationRequested || evaluation.Settled)
                break;
            await output.WriteLineAsync($"  not settled yet ({evaluation.Headline}); repeating the run");
        }

        if (runs.Count > 1)
        {
            // The first folder speaks for the whole repeated run: the last result with the pooled verdict and every repeat.
            files = await RunOutputs.WriteAsync(outDirectory!, runs[^1].Merged, runs[^1].Summary, evaluation!, error, CancellationToken.None);
        }
        if (!options.NoHistory)
        {
            foreach (var (merged, _) in runs)
                await history.SaveAsync(merged, evaluation!.Verdict, CancellationToken.None);
        }
        foreach (var line in ResultDigest.Lines(runs[^1].Merged, runs[^1].Summary))
            await output.WriteLineAsync("  " + line);
        RunSummaryPrinter.Print(output, interactive, runs[^1].Summary, evaluation!, files);
        if (cancellationToken.IsCancellationRequested)
            await error.WriteLineAsync($"stopped by Ctrl-C: the partial result and its reports are in {Path.GetDirectoryName(files[0])}; exit 3 (inconclusive).");
        return cancellationToken.IsCancellationRequested ? ExitCodes.Inconclusive : Exit(evaluation!);
    }

    private static int Exit(RunEvaluation evaluation) => evaluation.Verdict switch
    {
        RunVerdict.Fail or RunVerdict.Regression => ExitCodes.Failed,
        RunVerdict.Inconclusive => ExitCodes.Inconclusive,
        _ => ExitCodes.Ok,
    };

    private async Task<ShardCollector.Collected?> CollectAsync(RunPlan plan, TimeSpan duration, string folder, CancellationToken cancellationToken)
    {
        ShardCollector.Collected collected;
        try
        {
            collected = await LoadAsync(plan, duration, folder, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or System.ComponentModel.Win32Exception)
        {
            await error.WriteLineAsync($"error: the runners could not start: {e.Message}");
            return null;
        }
        foreach (var problem in collected.Problems)
            await error.WriteLineAsync("warning: " + problem);
        if (collected.Merged is null)
            await error.WriteLineAsync($"error: no runner produced a result; see the runner logs under {Path.Combine(folder, "shards")}.");
        return collected;
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

    /// <summary>The baseline from the local history: same definition text, judged clean or accepted (<see cref="BaselineSelector"/>).</summary>
    private async Task<BaselineSelection> SelectBaselineAsync(LoadTestDefinition definition, string hash, LocalHistoryStore history, CancellationToken cancellationToken)
    {
        if (definition.Baseline is not { } spec)
            return new BaselineSelection([], null, []);
        var skipped = new List<string>();
        var earlier = await history.LoadHistoryAsync(definition.Name, spec.Branch, (spec.Runs * 3) + BaselineSelector.ConfirmRuns, skipped, cancellationToken);
        foreach (var problem in skipped)
            await error.WriteLineAsync("warning: history: " + problem);
        return BaselineSelector.Select([.. earlier.Where(h => h.Run.DefinitionHash == hash)], spec);
    }
}
