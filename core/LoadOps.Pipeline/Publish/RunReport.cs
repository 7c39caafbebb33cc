using LoadOps.Core.Definitions;
using LoadOps.Core.Evaluation;

namespace LoadOps.Pipeline.Publish;

/// <summary>What the report stage hands the publishers: the run, its evaluation, its definition and the rendered texts.</summary>
public sealed record RunReport(RunRecord Run, RunEvaluation Evaluation, LoadTestDefinition Definition, string Markdown, string? SlackJson)
{
    /// <summary>Shards that were lost or failed: the numbers describe part of the load only.</summary>
    public bool IsPartial => Run.ShardsMissing + Run.ShardsFailed > 0;

    /// <summary>A pass that may be shown as a clean success: no reservation about the numbers and every shard merged.</summary>
    public bool IsCleanPass =>
        Evaluation.Verdict is RunVerdict.Pass or RunVerdict.Improvement && Evaluation.Reservations.Count == 0 && !IsPartial;
}
