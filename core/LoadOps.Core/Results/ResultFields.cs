namespace LoadOps.Core.Results;

/// <summary>The top-level fields of a result file read by <see cref="ResultJsonReader"/>, checked and made into the envelope.</summary>
internal sealed class ResultFields
{
    public int Version { get; set; } = ResultFile.CurrentVersion;
    public string? RunId { get; set; }
    public string? ShardId { get; set; }
    public string? Definition { get; set; }
    public string? DefinitionHash { get; set; }
    public string? Commit { get; set; }
    public string? Branch { get; set; }
    public string? Location { get; set; }
    public DateTimeOffset? Start { get; set; }
    public DateTimeOffset? End { get; set; }
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
    public ResultStatus Status { get; set; } = ResultStatus.Complete;
    public IReadOnlyList<TrustIssue> TrustIssues { get; set; } = [];
    public IReadOnlyList<HealthSample> Health { get; set; } = [];
    public IReadOnlyList<ShardInfo> Shards { get; set; } = [];
    public string? Approximation { get; set; }
    public RunSettings? Settings { get; set; }
    public List<StepResult> Steps { get; } = [];
    public bool HasSteps { get; set; }

    /// <summary>
    /// Checks what the serializer would have required, then settles the staged intervals as <see cref="IntervalSums"/>
    /// does for a read result: when any step has a location, the location-less (overall) steps are left out; a step
    /// without one takes the file's location. Last, every interval must start on a multiple of the interval length.
    /// </summary>
    public MergeProblem? Finish(StagedInput staged, string source, out ResultFile? envelope)
    {
        envelope = null;
        var missing = new[] { ("runId", RunId is null), ("definition", Definition is null), ("definitionHash", DefinitionHash is null),
            ("start", Start is null), ("end", End is null), ("steps", !HasSteps) }.Where(m => m.Item2).Select(m => $"'{m.Item1}'").ToList();
        if (missing.Count > 0)
            return new(source, $"not a valid result file: required field(s) {string.Join(", ", missing)} missing or null.");
        if (Version != ResultFile.CurrentVersion)
            return new(source, $"result file version {Version} is not supported; this loadops reads version {ResultFile.CurrentVersion}.");
        if (Interval <= TimeSpan.Zero)
            return new(source, $"interval must be positive, found {Interval}.");

        var perLocation = Steps.Any(s => s.Location is not null);
        if (perLocation)
            staged.Intervals.RemoveAll(i => i.Key.Location is null);
        else if (Location is not null)
        {
            for (var i = 0; i < staged.Intervals.Count; i++)
                staged.Intervals[i] = staged.Intervals[i] with { Key = staged.Intervals[i].Key with { Location = Location } };
        }
        if (IntervalSums.CheckAlignment(staged, Interval, source) is { } misaligned)
            return misaligned;

        envelope = new ResultFile
        {
            Version = Version,
            RunId = RunId!,
            ShardId = ShardId,
            Definition = Definition!,
            DefinitionHash = DefinitionHash!,
            Commit = Commit,
            Branch = Branch,
            Location = Location,
            Start = Start!.Value,
            End = End!.Value,
            Interval = Interval,
            Status = Status,
            TrustIssues = TrustIssues,
            Steps = Steps,
            Health = Health,
            Shards = Shards,
            Approximation = Approximation,
            Settings = Settings,
        };
        return null;
    }
}
