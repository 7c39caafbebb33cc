using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using LoadOps.Core.Pipeline;
using LoadOps.Runner.Recording;
using Microsoft.Extensions.Logging;

namespace LoadOps.Runner.Agent;

/// <summary>
/// While a shard runs, uploads its result so far (the <c>result.json</c> the runner rewrites atomically at each
/// interval's end, status <c>running</c>) to the shard's interim snapshot blob every
/// <see cref="Core.Planning.ShardSpec.SnapshotUploadInterval"/>, overwriting the previous one: the pipeline merges
/// these for its live figures. Best-effort: a failed upload is logged (status and error code only, never the SAS) and
/// tried again at the next tick; it never touches the shard or its final report. Disposing stops it and waits for an
/// upload in flight, so no snapshot is sent after the final result.
/// </summary>
internal sealed class InterimUploader : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private InterimUploader(Uri uploadUrl, PoolWorkItem work, string folder, TimeProvider time, ILogger log)
    {
        var blob = new BlobClient(uploadUrl, new BlobClientOptions { Retry = { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(200) } });
        _loop = LoopAsync(blob, work.Spec.ShardId, work.Spec.SnapshotUploadInterval, Path.Combine(folder, ResultWriter.FileName), time, log, _stop.Token);
    }

    /// <summary>Snapshots uploaded so far.</summary>
    public int Uploaded { get; private set; }

    /// <summary>Starts uploading for <paramref name="work"/>, or returns null when its item carries no interim grant.</summary>
    public static InterimUploader? Start(PoolWorkItem work, string folder, TimeProvider time, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(work);
        return work.InterimUploadUrl is { } url && work.Spec.SnapshotUploadInterval > TimeSpan.Zero
            ? new InterimUploader(url, work, folder, time, log)
            : null;
    }

    private async Task LoopAsync(BlobClient blob, string shardId, TimeSpan every, string path, TimeProvider time, ILogger log, CancellationToken stop)
    {
        var sent = DateTime.MinValue;
        var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, time, stop);
                var written = File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;
                if (written == DateTime.MinValue || written == sent)
                    continue; // Nothing new since the last upload (or no interval has closed yet).
                var bytes = await File.ReadAllBytesAsync(path, stop);
                await blob.UploadAsync(BinaryData.FromBytes(bytes), options, stop);
                sent = written;
                Uploaded++;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The SDK's message may quote the SAS URL: log what kind of failure it was, never its text.
                var why = e is RequestFailedException r ? $"{r.Status} {r.ErrorCode}".TrimEnd() : e.GetType().Name;
                AgentLog.InterimUploadFailed(log, shardId, why, (int)Math.Ceiling(every.TotalSeconds));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
