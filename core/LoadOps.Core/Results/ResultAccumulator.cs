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
    private readonly MergeEnvelopes _envelopes = new();
    private readonly IntervalSums _sums = new();
    private byte[] _json = new byte[1 << 16];

    public int InputCount => _envelopes.InputCount;

    /// <summary>Adds one input; returns null when merged, or the reason it was refused (nothing of it is kept).</summary>
    public MergeProblem? Add(ResultFile input, string source)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(source);
        if (_envelopes.Check(input, source) is { } problem)
            return problem;
        if (_sums.Add(input, source) is { } damaged)
            return damaged;
        foreach (var sample in input.Health)
            _health.Add(sample, input.ShardId);
        _envelopes.Record(input, source);
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
        await foreach (var read in ParallelInputReader.ReadAsync(inputs, _sums, Environment.ProcessorCount, seen: null, cancellationToken))
            problems[index++] = Commit(read);
        return problems;
    }

    /// <summary>Keeps an input read and staged elsewhere, unless it could not be read or does not belong.</summary>
    private MergeProblem? Commit(StagedRead read)
    {
        var problem = read.Problem ?? _envelopes.Check(read.Envelope!, read.Source);
        if (problem is not null)
        {
            _sums.Return(read.Staged);
            return problem;
        }
        _sums.Commit(read.Staged);
        foreach (var sample in read.Envelope!.Health)
            _health.Add(sample, read.Envelope.ShardId);
        _envelopes.Record(read.Envelope, read.Source);
        return null;
    }

    /// <summary>The merged run result. Throws when nothing was added (a programmer error; check <see cref="InputCount"/>).</summary>
    public ResultFile Build()
    {
        return _envelopes.Build(_sums.Complete(), _health, _options);
    }
}
