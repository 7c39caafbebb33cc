using System.Text.Json;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Pipeline.Memory;

/// <summary>
/// Results, reports, plans and evaluations as bytes in two dictionaries (the results and reports containers), under
/// the names <see cref="ArtifactNames"/> gives. Everything is stored serialised, as on blobs, so a stage test reads
/// back what JSON kept, not the object it wrote. Upload grants are <c>memory://</c> URIs that nothing can write to:
/// a test plays the runner with <see cref="PutShardResultAsync"/> and <see cref="PutInterimResult"/>.
/// </summary>
public sealed class InMemoryArtifacts(TimeProvider clock) : IResultArtifacts, IStageDocuments
{
    private readonly Dictionary<string, byte[]> _results = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _reports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _opened = new(StringComparer.Ordinal);
    private long _writes;
    private readonly Lock _lock = new();

    public Task<string> PutShardResultAsync(ResultFile result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (string.IsNullOrEmpty(result.ShardId))
            throw new ArgumentException("A shard result needs its ShardId.", nameof(result));
        return Task.FromResult(PutJson(_results, ArtifactNames.ShardBlobName(result.RunId, result.ShardId), result));
    }

    /// <summary>What a running shard's upload through its interim grant does: replaces its latest snapshot.</summary>
    public string PutInterimResult(ResultFile snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentException.ThrowIfNullOrEmpty(snapshot.ShardId);
        return PutJson(_results, ArtifactNames.InterimBlobName(snapshot.RunId, snapshot.ShardId), snapshot);
    }

    /// <summary>The same with the snapshot's bytes as a runner uploads them, read or not (for benchmarks and damaged files).</summary>
    public string PutInterimResult(string runId, string shardId, byte[] json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return PutBytes(_results, ArtifactNames.InterimBlobName(runId, shardId), json);
    }

    public Task<string> PutMergedResultAsync(ResultFile result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Task.FromResult(PutJson(_results, ArtifactNames.MergedBlobName(result.RunId), result));
    }

    public Task<Stream?> OpenResultAsync(string blobName, CancellationToken cancellationToken)
    {
        lock (_lock)
            _opened[blobName] = _opened.GetValueOrDefault(blobName) + 1;
        return Task.FromResult<Stream?>(Open(_results, blobName));
    }

    public async Task<ResultFile?> ReadResultAsync(string blobName, CancellationToken cancellationToken)
    {
        await using var stream = Open(_results, blobName);
        return stream is null ? null : await JsonSerializer.DeserializeAsync<ResultFile>(stream, LoadOpsJson.Options, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListShardResultsAsync(string runId, CancellationToken cancellationToken) =>
        Task.FromResult(NamesUnder(_results, ArtifactNames.ShardsFolder(runId)));

    /// <summary>Versions count writes to the store, so a snapshot written again has a new one even with the same bytes (as an ETag).</summary>
    public Task<IReadOnlyList<InterimSnapshot>> ListInterimSnapshotsAsync(string runId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<InterimSnapshot>>([.. NamesUnder(_results, ArtifactNames.InterimFolder(runId))
                .Select(name => new InterimSnapshot(name, _versions[name].ToString(System.Globalization.CultureInfo.InvariantCulture)))]);
        }
    }

    /// <summary>How many times <see cref="OpenResultAsync"/> opened <paramref name="blobName"/> (for tests of what a reader reads again).</summary>
    public int Opened(string blobName)
    {
        lock (_lock)
            return _opened.GetValueOrDefault(blobName);
    }

    public async Task<string> PutReportAsync(string runId, string fileName, Stream content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        var name = ArtifactNames.ReportBlobName(runId, fileName);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        lock (_lock)
            _reports[name] = copy.ToArray();
        return name;
    }

    public Task<Stream?> OpenReportAsync(string blobName, CancellationToken cancellationToken) => Task.FromResult<Stream?>(Open(_reports, blobName));

    /// <summary>The names of every stored report, in name order (for tests).</summary>
    public IReadOnlyList<string> ReportNames() => NamesUnder(_reports, "");

    public Task<Uri> CreateShardUploadUriAsync(string runId, string shardId, TimeSpan validFor, CancellationToken cancellationToken) =>
        Task.FromResult(Grant(ArtifactNames.ShardBlobName(runId, shardId), validFor));

    public Task<Uri> CreateInterimUploadUriAsync(string runId, string shardId, TimeSpan validFor, CancellationToken cancellationToken) =>
        Task.FromResult(Grant(ArtifactNames.InterimBlobName(runId, shardId), validFor));

    public Task<StoredPlan> WritePlanOnceAsync(StoredPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var name = ArtifactNames.PlanBlobName(plan.RunId);
        var json = PlanDocument.Serialize(plan);
        lock (_lock)
        {
            if (!_results.TryAdd(name, json))
                return Task.FromResult(PlanDocument.Deserialize(_results[name]));
        }
        return Task.FromResult(plan);
    }

    public Task<StoredPlan?> ReadPlanAsync(string runId, CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult(_results.TryGetValue(ArtifactNames.PlanBlobName(runId), out var json) ? PlanDocument.Deserialize(json) : null);
    }

    public Task WriteEvaluationAsync(string runId, RunEvaluation evaluation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        PutJson(_results, ArtifactNames.EvaluationBlobName(runId), evaluation);
        return Task.CompletedTask;
    }

    public Task<RunEvaluation?> ReadEvaluationAsync(string runId, CancellationToken cancellationToken) =>
        Task.FromResult(Read<RunEvaluation>(ArtifactNames.EvaluationBlobName(runId)));

    private Uri Grant(string name, TimeSpan validFor)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validFor, TimeSpan.Zero);
        var expires = (clock.GetUtcNow() + validFor).ToUnixTimeSeconds();
        return new Uri($"memory://results/{name}?expires={expires}");
    }

    private string PutJson<T>(Dictionary<string, byte[]> container, string name, T value)
    {
        return PutBytes(container, name, JsonSerializer.SerializeToUtf8Bytes(value, LoadOpsJson.Options));
    }

    private string PutBytes(Dictionary<string, byte[]> container, string name, byte[] json)
    {
        lock (_lock)
        {
            container[name] = json;
            _versions[name] = ++_writes;
        }
        return name;
    }

    private T? Read<T>(string name)
        where T : class
    {
        lock (_lock)
            return _results.TryGetValue(name, out var json) ? Deserialize<T>(json) : null;
    }

    private static T Deserialize<T>(byte[] json) =>
        JsonSerializer.Deserialize<T>(json, LoadOpsJson.Options) ?? throw new InvalidDataException($"Stored {typeof(T).Name} is JSON null.");

    private MemoryStream? Open(Dictionary<string, byte[]> container, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        lock (_lock)
            return container.TryGetValue(name, out var bytes) ? new MemoryStream(bytes, writable: false) : null;
    }

    private IReadOnlyList<string> NamesUnder(Dictionary<string, byte[]> container, string prefix)
    {
        lock (_lock)
            return container.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }
}
