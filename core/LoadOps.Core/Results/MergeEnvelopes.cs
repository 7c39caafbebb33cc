using LoadOps.Core.Definitions;

namespace LoadOps.Core.Results;

/// <summary>
/// What a merge keeps of its inputs besides their intervals: the first input's identity (run, definition, interval),
/// which shard came from where, the shards, locations and statuses, the trust issues and the span of time. Checks that
/// an input belongs (<see cref="Check"/>) and builds the merged file around the summed intervals (<see cref="Build"/>).
/// Shared by <see cref="ResultAccumulator"/> and <see cref="SnapshotMerge"/>, so both build the same file.
/// </summary>
internal sealed class MergeEnvelopes
{
    private readonly List<TrustIssue> _trust = [];
    private readonly List<ShardInfo> _shards = [];
    private readonly Dictionary<string, string> _shardSources = new(StringComparer.Ordinal);
    private readonly HashSet<string> _locations = new(StringComparer.Ordinal);
    private readonly HashSet<ResultStatus> _statuses = [];
    private ResultFile? _first;
    private string? _approximation;
    private string _firstSource = "";
    private DateTimeOffset _start = DateTimeOffset.MaxValue;
    private DateTimeOffset _end = DateTimeOffset.MinValue;
    private RunSettings? _settings;

    public int InputCount { get; private set; }

    /// <summary>Null when <paramref name="input"/> can join the inputs recorded so far, else why not.</summary>
    public MergeProblem? Check(ResultFile input, string source)
    {
        if (input.Version != ResultFile.CurrentVersion)
            return new(source, $"result file version {input.Version} is not supported; this loadops reads version {ResultFile.CurrentVersion}. Re-run with a matching loadops.");
        if (input.Interval <= TimeSpan.Zero)
            return new(source, $"interval must be positive, found {input.Interval}.");
        if (input.ShardId is { } shardId && _shardSources.TryGetValue(shardId, out var earlier))
            return new(source, $"shard '{shardId}' was already merged from {earlier}; merging it twice would count its requests twice.");
        if (_first is null)
            return null;
        if (input.RunId != _first.RunId)
            return new(source, $"run id '{input.RunId}' differs from '{_first.RunId}' in {_firstSource}; only results of one run can be merged.");
        if (input.DefinitionHash != _first.DefinitionHash)
            return new(source, $"definition hash '{input.DefinitionHash}' differs from '{_first.DefinitionHash}' in {_firstSource}; the shards ran different versions of '{_first.Definition}'.");
        if (input.Interval != _first.Interval)
            return new(source, $"interval {DurationText.Format(input.Interval)} differs from {DurationText.Format(_first.Interval)} in {_firstSource}; intervals must line up to add.");
        return null;
    }

    /// <summary>Keeps what the merged file needs of an input that passed <see cref="Check"/>.</summary>
    public void Record(ResultFile input, string source)
    {
        if (_first is null)
        {
            _first = input;
            _firstSource = source;
        }
        InputCount++;
        _approximation ??= input.Approximation;
        _start = input.Start < _start ? input.Start : _start;
        _end = input.End > _end ? input.End : _end;
        _statuses.Add(input.Status);
        if (input.Location is not null)
            _locations.Add(input.Location);
        foreach (var step in input.Steps.Where(s => s.Location is not null))
            _locations.Add(step.Location!);
        if (input.ShardId is not null)
            _shardSources[input.ShardId] = source;
        _settings ??= input.Settings;

        var shards = input.Shards.Count > 0 || input.ShardId is null
            ? input.Shards
            : [new ShardInfo(input.ShardId, -1, input.Location ?? "unknown", input.Status)];
        _shards.AddRange(shards);
        foreach (var issue in input.TrustIssues)
        {
            var carried = issue with { ShardId = issue.ShardId ?? input.ShardId };
            if (!_trust.Contains(carried))
                _trust.Add(carried);
        }
        if (input.Status == ResultStatus.Partial && input.ShardId is not null)
            _trust.Add(new TrustIssue("shard-partial", $"Shard {input.ShardId} stopped early; its numbers cover only the part it ran.", input.ShardId));
    }

    /// <summary>The merged file of the recorded inputs around <paramref name="steps"/>. Throws when nothing was recorded (a programmer error).</summary>
    public ResultFile Build(
        Dictionary<(string Scenario, string Step, string? Location), SortedDictionary<long, IntervalAccumulator>> steps, HealthAccumulator health, MergeOptions options)
    {
        return new ResultBuilder(steps, health, _trust, _shards, _locations, _statuses, options)
            .Build(_first ?? throw new InvalidOperationException("Nothing was merged: add at least one result first."), _start, _end)
            with { Approximation = _approximation, Settings = _settings };
    }
}
