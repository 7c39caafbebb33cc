using LoadOps.Core.Definitions;

namespace LoadOps.Core.Results;

/// <summary>
/// Exact, streamed merge of shard (or run) results: feed inputs one at a time with <see cref="Add"/>, or many at once,
/// read on every core, with <see cref="AddAllAsync"/> (same bytes out), then <see cref="Build"/> the run result. Counts add and histograms add per step, per location and per interval
/// (keyed by the interval's wall-clock start); the overall numbers (<see cref="StepResult.Location"/> null) are the
/// sum over locations. Memory holds only the running sums (windowed histograms) and a small batch of decoded
/// inputs (<see cref="IntervalSums"/>), never all the inputs, so it does not grow with the number of shards. Health is folded per interval as <see cref="HealthAccumulator"/> describes.
/// An input that does not belong (another run, definition hash or interval, a shard seen twice, a damaged histogram)
/// is refused with a <see cref="MergeProblem"/> and leaves the sums untouched.
/// </summary>
public sealed class ResultAccumulator(MergeOptions? options = null)
{
    private readonly MergeOptions _options = options ?? MergeOptions.Default;
    private readonly HealthAccumulator _health = new();
    private readonly List<TrustIssue> _trust = [];
    private readonly List<ShardInfo> _shards = [];
    private readonly Dictionary<string, string> _shardSources = new(StringComparer.Ordinal);
    private readonly HashSet<string> _locations = new(StringComparer.Ordinal);
    private ResultFile? _first;
    private string? _approximation;
    private string _firstSource = "";
    private DateTimeOffset _start = DateTimeOffset.MaxValue;
    private DateTimeOffset _end = DateTimeOffset.MinValue;
    private readonly HashSet<ResultStatus> _statuses = [];
    private RunSettings? _settings;
    private readonly IntervalSums _sums = new();
    private byte[] _json = new byte[1 << 16];

    public int InputCount { get; private set; }

    /// <summary>Adds one input; returns null when merged, or the reason it was refused (nothing of it is kept).</summary>
    public MergeProblem? Add(ResultFile input, string source)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(source);
        if (Check(input, source) is { } problem)
            return problem;
        if (_sums.Add(input, source) is { } damaged)
            return damaged;
        foreach (var sample in input.Health)
            _health.Add(sample, input.ShardId);
        Record(input, source);
        return null;
    }

    /// <summary>
    /// Adds one result file given as its UTF-8 JSON, read without building its object graph (the fast path of a large
    /// merge: histograms are decoded straight from the bytes). Returns null when merged, or why it was refused
    /// (unreadable, or not belonging); nothing of a refused input is kept.
    /// </summary>
    public MergeProblem? Add(ReadOnlySpan<byte> utf8Json, string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var staged = _sums.Rent();
        var problem = ResultJsonReader.Read(utf8Json, source, staged, out var input);
        return Commit(new StagedRead(source, staged, input, problem));
    }

    /// <summary>Reads <paramref name="utf8Json"/> to its end into a buffer reused from input to input, then adds it as <see cref="Add(ReadOnlySpan{byte}, string)"/>.</summary>
    public async Task<MergeProblem?> AddAsync(Stream utf8Json, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        (_json, var length) = await InputBuffer.ReadAllAsync(utf8Json, _json, cancellationToken);
        return Add(_json.AsSpan(0, length), source);
    }

    /// <summary>
    /// Adds many result files, read and decoded on every core (<see cref="ParallelInputReader"/>) and added in the
    /// order given, so the result is byte for byte that of calling <see cref="AddAsync"/> for each in turn. Returns,
    /// for each input in that order, null when merged or why it was refused.
    /// </summary>
    public async Task<IReadOnlyList<MergeProblem?>> AddAllAsync(IReadOnlyList<MergeInput> inputs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var problems = new MergeProblem?[inputs.Count];
        var index = 0;
        await foreach (var read in ParallelInputReader.ReadAsync(inputs, _sums, Environment.ProcessorCount, cancellationToken))
            problems[index++] = Commit(read);
        return problems;
    }

    /// <summary>Keeps an input read and staged elsewhere, unless it could not be read or does not belong.</summary>
    private MergeProblem? Commit(StagedRead read)
    {
        var problem = read.Problem ?? Check(read.Envelope!, read.Source);
        if (problem is not null)
        {
            _sums.Return(read.Staged);
            return problem;
        }
        _sums.Commit(read.Staged);
        foreach (var sample in read.Envelope!.Health)
            _health.Add(sample, read.Envelope.ShardId);
        Record(read.Envelope, read.Source);
        return null;
    }

    private MergeProblem? Check(ResultFile input, string source)
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

    private void Record(ResultFile input, string source)
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

    /// <summary>The merged run result. Throws when nothing was added (a programmer error; check <see cref="InputCount"/>).</summary>
    public ResultFile Build()
    {
        return new ResultBuilder(_sums.Complete(), _health, _trust, _shards, _locations, _statuses, _options)
            .Build(_first ?? throw new InvalidOperationException("Nothing was merged: add at least one result first."), _start, _end)
            with { Approximation = _approximation, Settings = _settings };
    }
}
