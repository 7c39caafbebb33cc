using LoadOps.Core.Results;

namespace LoadOps.Pipeline;

/// <summary>
/// Result and report files of runs, named by <see cref="ArtifactNames"/>: shard results, interim snapshots, the merged
/// result and reports. Reads stream; a missing file is null, not an exception. Implemented on Azure Blobs
/// (<c>LoadOps.Cloud.Storage.ResultStore</c>) and in memory (<see cref="Memory.InMemoryArtifacts"/>).
/// </summary>
public interface IResultArtifacts
{
    /// <summary>Writes a shard's result (its <see cref="ResultFile.ShardId"/> must be set); returns its name.</summary>
    Task<string> PutShardResultAsync(ResultFile result, CancellationToken cancellationToken);

    /// <summary>Writes the merged result of a run; returns its name.</summary>
    Task<string> PutMergedResultAsync(ResultFile result, CancellationToken cancellationToken);

    /// <summary>Opens a result for reading, or null if it does not exist. The caller disposes the stream.</summary>
    Task<Stream?> OpenResultAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>Reads and parses a result, streaming; null if it does not exist.</summary>
    Task<ResultFile?> ReadResultAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>The names of every shard result uploaded for a run, in name order.</summary>
    Task<IReadOnlyList<string>> ListShardResultsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Every interim snapshot uploaded for a run with its current version, in name order.</summary>
    Task<IReadOnlyList<InterimSnapshot>> ListInterimSnapshotsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Stores a report file (markdown, HTML, JUnit…); returns its name.</summary>
    Task<string> PutReportAsync(string runId, string fileName, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>Opens a report for reading, or null if it does not exist.</summary>
    Task<Stream?> OpenReportAsync(string blobName, CancellationToken cancellationToken);

    /// <summary>A URL with which a runner can write its own shard result and nothing else, until <paramref name="validFor"/> from now.</summary>
    Task<Uri> CreateShardUploadUriAsync(string runId, string shardId, TimeSpan validFor, CancellationToken cancellationToken);

    /// <summary>The same kind of grant as <see cref="CreateShardUploadUriAsync"/>, for the shard's interim snapshot only.</summary>
    Task<Uri> CreateInterimUploadUriAsync(string runId, string shardId, TimeSpan validFor, CancellationToken cancellationToken);
}
