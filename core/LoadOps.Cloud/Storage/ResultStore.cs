using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs;
using Azure.Storage.Sas;
using Azure;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;
using LoadOps.Pipeline;

namespace LoadOps.Cloud.Storage;

/// <summary>
/// Result and report blobs. Shard results: <c>results/runs/{runId}/shards/{shardId}.json</c>; a running shard's latest
/// interim snapshot: <c>results/runs/{runId}/interim/{shardId}.json</c> (overwritten by its runner); merged result:
/// <c>results/runs/{runId}/result.json</c>; reports: <c>reports/runs/{runId}/{file}</c>. Reads return streams (one GET,
/// its body read as the caller reads) and writes serialise straight into the upload stream.
/// </summary>
public sealed class ResultStore : IResultArtifacts
{
    private const string JsonContentType = "application/json";
    private const int MaxReadsOfAChangingBlob = 3;
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private readonly BlobServiceClient _service;
    private readonly BlobContainerClient _results;
    private readonly BlobContainerClient _reports;
    private readonly TimeProvider _clock;

    public ResultStore(StorageClients clients, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _service = clients.Blobs;
        _results = clients.Blobs.GetBlobContainerClient(clients.Names.ResultsContainer);
        _reports = clients.Blobs.GetBlobContainerClient(clients.Names.ReportsContainer);
        _clock = clock;
    }





    /// <summary>Writes a shard's result (its <see cref="ResultFile.ShardId"/> must be set); returns the blob name.</summary>
    public async Task<string> PutShardResultAsync(ResultFile result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (string.IsNullOrEmpty(result.ShardId))
            throw new ArgumentException("A shard result needs its ShardId.", nameof(result));
        var name = ArtifactNames.ShardBlobName(result.RunId, result.ShardId);
        await WriteJsonAsync(_results.GetBlobClient(name), result, cancellationToken);
        return name;
    }

    /// <summary>Writes the merged result of a run; returns the blob name.</summary>
    public async Task<string> PutMergedResultAsync(ResultFile result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var name = ArtifactNames.MergedBlobName(result.RunId);
        await WriteJsonAsync(_results.GetBlobClient(name), result, cancellationToken);
        return name;
    }

    /// <summary>Opens a result blob for reading, or null if it does not exist. The caller disposes the stream.</summary>
    public Task<Stream?> OpenResultAsync(string blobName, CancellationToken cancellationToken) =>
        OpenAsync(_results.GetBlobClient(blobName), cancellationToken);

    /// <summary>
    /// Reads and parses a result blob, streaming; null if it does not exist. A read that resumes after a dropped
    /// connection asks for the version it began with, so a runner overwriting its interim snapshot meanwhile makes it
    /// fail with 412; the newer version is read then.
    /// </summary>
    public async Task<ResultFile?> ReadResultAsync(string blobName, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var stream = await OpenResultAsync(blobName, cancellationToken);
                return stream is null ? null : await JsonSerializer.DeserializeAsync<ResultFile>(stream, LoadOpsJson.Options, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == ConflictBackoff.PreconditionFailed && attempt < MaxReadsOfAChangingBlob)
            {
            }
        }
    }

    /// <summary>The blob names of every shard result uploaded for a run, in name order.</summary>
    public async Task<IReadOnlyList<string>> ListShardResultsAsync(string runId, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var prefix = ArtifactNames.ShardsFolder(runId);
        await foreach (var item in _results.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
            names.Add(item.Name);
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>Every interim snapshot blob of a run with its ETag (from the listing itself: no request per blob), in name order.</summary>
    public async Task<IReadOnlyList<InterimSnapshot>> ListInterimSnapshotsAsync(string runId, CancellationToken cancellationToken)
    {
        var snapshots = new List<InterimSnapshot>();
        await foreach (var item in _results.GetBlobsAsync(new GetBlobsOptions { Prefix = ArtifactNames.InterimFolder(runId) }, cancellationToken))
            snapshots.Add(new InterimSnapshot(item.Name, item.Properties.ETag?.ToString()));
        snapshots.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return snapshots;
    }

    /// <summary>Uploads a report file (markdown, HTML, JUnit…) from a stream; returns its blob name in the reports container.</summary>
    public async Task<string> PutReportAsync(string runId, string fileName, Stream content, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(contentType);
        var name = ArtifactNames.ReportBlobName(runId, fileName);
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } };
        await _reports.GetBlobClient(name).UploadAsync(content, options, cancellationToken);
        return name;
    }

    /// <summary>Opens a report blob for reading, or null if it does not exist.</summary>
    public Task<Stream?> OpenReportAsync(string blobName, CancellationToken cancellationToken) =>
        OpenAsync(_reports.GetBlobClient(blobName), cancellationToken);

    /// <summary>
    /// A URL with which a runner can create or overwrite its own shard result blob and nothing else: write-only
    /// (create + write, no read, list or delete), for that one blob, until <paramref name="validFor"/> from now.
    /// With an account key (connection string, Azurite) it is a service SAS signed with the key; with an Entra identity
    /// (managed identity) it is a user delegation SAS, signed with a key the identity obtains from the service (the
    /// identity needs Storage Blob Delegator or Data Contributor), so no account key exists anywhere.
    /// </summary>
    public Task<Uri> CreateShardUploadUriAsync(string runId, string shardId, TimeSpan validFor, CancellationToken cancellationToken) =>
        CreateUploadUriAsync(ArtifactNames.ShardBlobName(runId, shardId), validFor, cancellationToken);

    /// <summary>The same kind of grant as <see cref="CreateShardUploadUriAsync"/>, for the shard's interim snapshot blob only.</summary>
    public Task<Uri> CreateInterimUploadUriAsync(string runId, string shardId, TimeSpan validFor, CancellationToken cancellationToken) =>
        CreateUploadUriAsync(ArtifactNames.InterimBlobName(runId, shardId), validFor, cancellationToken);

    private async Task<Uri> CreateUploadUriAsync(string blobName, TimeSpan validFor, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validFor, TimeSpan.Zero);
        var blob = _results.GetBlobClient(blobName);
        var now = _clock.GetUtcNow();
        var sas = new BlobSasBuilder
        {
            BlobContainerName = _results.Name,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = now - ClockSkew,
            ExpiresOn = now + validFor,
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        sas.SetPermissions(BlobSasPermissions.Create | BlobSasPermissions.Write);

        if (blob.CanGenerateSasUri)
            return blob.GenerateSasUri(sas);

        var key = await _service.GetUserDelegationKeyAsync(
            new BlobGetUserDelegationKeyOptions(sas.ExpiresOn) { StartsOn = sas.StartsOn }, cancellationToken);
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key.Value, _service.AccountName) }.ToUri();
    }

    private static async Task WriteJsonAsync(BlobClient blob, ResultFile result, CancellationToken cancellationToken)
    {
        var options = new BlobOpenWriteOptions { HttpHeaders = new BlobHttpHeaders { ContentType = JsonContentType } };
        await using var stream = await blob.OpenWriteAsync(overwrite: true, options, cancellationToken);
        await JsonSerializer.SerializeAsync(stream, result, LoadOpsJson.Options, cancellationToken);
    }

    /// <summary>
    /// One GET whose body is read as it arrives: it is one version of the blob even while a runner overwrites its interim
    /// snapshot. (A chunked read, <c>OpenReadAsync</c>, asks for each chunk of the version it started with and fails with
    /// 412 once that version is gone.)
    /// </summary>
    private static async Task<Stream?> OpenAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        try
        {
            return (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == ConflictBackoff.NotFound)
        {
            return null;
        }
    }
}
