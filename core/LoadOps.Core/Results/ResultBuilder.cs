namespace LoadOps.Core.Results;

/// <summary>Turns the running sums of a <see cref="ResultAccumulator"/> into the merged <see cref="ResultFile"/>.</summary>
internal sealed class ResultBuilder(
    Dictionary<(string Scenario, string Step, string? Location), SortedDictionary<long, IntervalAccumulator>> steps,
    HealthAccumulator health,
    List<TrustIssue> trust,
    List<ShardInfo> shards,
    HashSet<string> locations,
    HashSet<ResultStatus> statuses,
    MergeOptions options)
{
    public ResultFile Build(ResultFile first, DateTimeOffset start, DateTimeOffset end)
    {
        // Steps are independent (each its own locations and overall sum): encoded on every core, kept in step order.
        var groups = steps.GroupBy(s => (s.Key.Scenario, s.Key.Step))
            .OrderBy(g => g.Key.Scenario, StringComparer.Ordinal).ThenBy(g => g.Key.Step, StringComparer.Ordinal).ToList();
        var perStep = new List<StepResult>[groups.Count];
        Parallel.For(0, groups.Count, i => perStep[i] = StepResults(groups[i]));
        var results = perStep.SelectMany(s => s).ToList();

        var issues = new List<TrustIssue>(trust);
        var status = Status(issues);
        return new ResultFile
        {
            RunId = first.RunId,
            ShardId = null,
            Definition = first.Definition,
            DefinitionHash = first.DefinitionHash,
            Commit = first.Commit,
            Branch = first.Branch,
            Location = locations.Count == 1 ? locations.First() : null,
            Start = start,
            End = end,
            Interval = first.Interval,
            Status = status,
            TrustIssues = issues,
            Steps = results,
            Health = health.ToList(),
            Shards = [.. shards.OrderBy(s => s.Index).ThenBy(s => s.ShardId, StringComparer.Ordinal)],
        };
    }

    /// <summary>One step's results: per location (ordered by name), then the overall sum of them.</summary>
    private static List<StepResult> StepResults(IGrouping<(string Scenario, string Step), KeyValuePair<(string Scenario, string Step, string? Location), SortedDictionary<long, IntervalAccumulator>>> group)
    {
        var results = new List<StepResult>();
        var overall = new SortedDictionary<long, IntervalAccumulator>();
        foreach (var (key, intervals) in group.OrderBy(g => g.Key.Location, StringComparer.Ordinal))
        {
            foreach (var (at, sum) in intervals)
            {
                if (!overall.TryGetValue(at, out var total))
                    overall[at] = total = new IntervalAccumulator();
                total.Add(sum);
            }
            if (key.Location is not null)
                results.Add(new StepResult(key.Scenario, key.Step, ToStats(intervals)) { Location = key.Location });
        }
        results.Add(new StepResult(group.Key.Scenario, group.Key.Step, ToStats(overall)));
        return results;
    }

    private ResultStatus Status(List<TrustIssue> issues)
    {
        var missing = options.ExpectedShards is { } expected && shards.Count < expected;
        if (missing)
            issues.Add(new TrustIssue("shards-missing",
                $"{options.ExpectedShards - shards.Count} of {options.ExpectedShards} shards never reported; the run's load was lower than planned."));
        if (missing || statuses.Contains(ResultStatus.Incomplete))
            return ResultStatus.Incomplete;
        if (statuses.Contains(ResultStatus.Partial))
            return ResultStatus.Partial;
        return statuses.Contains(ResultStatus.Running) ? ResultStatus.Running : ResultStatus.Complete;
    }

    private static List<IntervalStats> ToStats(SortedDictionary<long, IntervalAccumulator> intervals) =>
        [.. intervals.Select(i => i.Value.ToStats(new DateTimeOffset(i.Key, TimeSpan.Zero)))];
}
