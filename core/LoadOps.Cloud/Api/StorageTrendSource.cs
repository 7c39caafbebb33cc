using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Definitions;
using LoadOps.Core.Reports.Trends;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Api;

/// <summary>
/// A test's history from the pipeline's storage: the <c>baselines</c> table (every trustworthy reported run, with its
/// figures and acceptance), the run row (repository, trigger) and the stored evaluation (verdict) of each.
/// </summary>
public sealed class StorageTrendSource(StorageClients clients, TimeProvider clock) : ITrendSource
{
    private readonly BaselineStore _baselines = new(clients);
    private readonly RunStore _runs = new(clients, clock);
    private readonly PipelineBlobs _blobs = new(clients);

    public async Task<IReadOnlyList<TrendEntry>> ReadAsync(string test, Func<string, bool> mayRead, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mayRead);
        var entries = new List<TrendEntry>();
        foreach (var stored in await _baselines.GetForTestAsync(test, count, cancellationToken))
        {
            // The baselines table has no repository: the run row says whose run it is, and a run without one is not shown.
            if (await _runs.GetAsync(stored.RunId, cancellationToken) is not { } run || !mayRead(run.Repo))
                continue;
            var evaluation = await _blobs.ReadEvaluationAsync(stored.RunId, cancellationToken);
            entries.Add(new TrendEntry(stored.RunId, stored.RunAt)
            {
                Commit = stored.Commit,
                Branch = stored.Branch,
                Trigger = run.Trigger.ToString().ToLowerInvariant(),
                Verdict = evaluation?.Verdict.ToString().ToLowerInvariant(),
                Trustworthy = stored.Trustworthy,
                Accepted = stored.Accepted,
                P50 = Micros(stored, Metric.P50),
                P95 = Micros(stored, Metric.P95),
                P99 = Micros(stored, Metric.P99),
                Rps = stored.Metrics.TryGetValue(Metric.Rps.Name(), out var rps) ? rps : null,
                Errors = stored.Metrics.TryGetValue(Metric.Errors.Name(), out var errors) ? errors : null,
            });
        }
        return entries;
    }

    /// <summary>The table keeps latencies in milliseconds; the page, like every report, in microseconds.</summary>
    private static double? Micros(BaselineEntry entry, Metric metric) =>
        entry.Metrics.TryGetValue(metric.Name(), out var ms) ? ms * 1000 : null;
}
