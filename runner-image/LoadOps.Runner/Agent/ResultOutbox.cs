using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;
using LoadOps.Runner.Recording;
using Microsoft.Extensions.Logging;

namespace LoadOps.Runner.Agent;

/// <summary>
/// The agent's disk outbox: <c>{work}/shards/{shardId}/</c> holds the work item and the shard's <c>result.json</c> until
/// the result is uploaded with the item's SAS URL and <see cref="ShardDone"/> is on the collect queue; then the folder
/// goes and <c>{work}/done/{shardId}</c> marks the shard reported, so a redelivered item is settled without running
/// again. Uploads retry with back-off until the grants expire (the run's deadline); a result that can no longer be
/// uploaded is moved to <c>{work}/expired/</c>, never deleted.
/// </summary>
internal sealed class ResultOutbox(string workDirectory, TimeProvider time, ILogger log)
{
    private const string ItemFile = "item.json";
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);

    /// <summary>The SDK's own quick retries; longer outages are this class's back-off, which lasts until the grants expire.</summary>
    private static readonly TimeSpan SdkRetryDelay = TimeSpan.FromMilliseconds(500);

    public string FolderOf(string shardId) => Path.Combine(workDirectory, "shards", shardId);

    public bool IsReported(string shardId) => File.Exists(Path.Combine(workDirectory, "done", shardId));

    public IEnumerable<string> PendingFolders() =>
        Directory.Exists(Path.Combine(workDirectory, "shards")) ? Directory.GetDirectories(Path.Combine(workDirectory, "shards")) : [];

    /// <summary>Creates the shard's folder and keeps the work item in it (mode 0600: it holds the SAS grants).</summary>
    public async Task<string> KeepAsync(PoolWorkItem item, CancellationToken cancellationToken)
    {
        var folder = FolderOf(item.Spec.ShardId);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, ItemFile);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(item, LoadOpsJson.Compact), cancellationToken);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return folder;
    }

    /// <summary>Uploads and reports the shard in <paramref name="folder"/>; true once ShardDone is sent.</summary>
    public async Task<bool> ReportAsync(string folder, CancellationToken cancellationToken)
    {
        var itemPath = Path.Combine(folder, ItemFile);
        var resultPath = Path.Combine(folder, ResultWriter.FileName);
        if (!File.Exists(itemPath) || !File.Exists(resultPath))
        {
            AgentLog.NoResult(log, Path.GetFileName(folder));
            Directory.Delete(folder, recursive: true);
            return false;
        }

        PoolWorkItem item;
        ResultFile result;
        try
        {
            item = JsonSerializer.Deserialize<PoolWorkItem>(await File.ReadAllTextAsync(itemPath, cancellationToken), LoadOpsJson.Compact)
                ?? throw new JsonException("the file holds null");
            result = JsonSerializer.Deserialize<ResultFile>(await File.ReadAllTextAsync(resultPath, cancellationToken), LoadOpsJson.Options)
                ?? throw new JsonException("the file holds null");
        }
        catch (JsonException e)
        {
            // A file damaged by a crash or a full disk must not stop the agent at every start: set it aside, keep it.
            var damaged = Path.Combine(workDirectory, "damaged", Path.GetFileName(folder));
            Directory.CreateDirectory(Path.GetDirectoryName(damaged)!);
            if (Directory.Exists(damaged))
                Directory.Delete(damaged, recursive: true);
            Directory.Move(folder, damaged);
            AgentLog.Damaged(log, Path.GetFileName(folder), e.Message, damaged);
            return false;
        }
        if (result.Status == ResultStatus.Running)
        {
            // An interim snapshot left by an agent that died mid-shard: what it measured is real, so report it as partial.
            await ResultWriter.WriteAsync(folder, result with { Status = ResultStatus.Partial }, cancellationToken);
            AgentLog.InterruptedReportedPartial(log, item.Spec.ShardId);
        }

        var uploaded = await RetryAsync(item, "upload the result", async ct =>
        {
            var blob = new BlobClient(item.ResultUploadUrl, new BlobClientOptions { Retry = { MaxRetries = 2, Delay = SdkRetryDelay } });
            var options = new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } };
            await blob.UploadAsync(resultPath, options, ct);
        }, cancellationToken);
        var reported = uploaded && await RetryAsync(item, "send ShardDone", async ct =>
        {
            var queue = new QueueClient(item.DoneQueueUrl, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64, Retry = { MaxRetries = 2, Delay = SdkRetryDelay } });
            var done = new ShardDone(item.Spec.RunId, item.Spec.ShardId, item.ResultBlobName);
            await queue.SendMessageAsync(JsonSerializer.Serialize(done, LoadOpsJson.Compact), ct);
        }, cancellationToken);

        if (reported)
        {
            Directory.CreateDirectory(Path.Combine(workDirectory, "done"));
            await File.WriteAllTextAsync(Path.Combine(workDirectory, "done", item.Spec.ShardId), time.GetUtcNow().ToString("O"), cancellationToken);
            Directory.Delete(folder, recursive: true);
            AgentLog.Reported(log, item.Spec.ShardId, result.Status.ToString().ToLowerInvariant());
            return true;
        }

        var expired = Path.Combine(workDirectory, "expired", item.Spec.ShardId);
        Directory.CreateDirectory(Path.GetDirectoryName(expired)!);
        if (Directory.Exists(expired))
            Directory.Delete(expired, recursive: true);
        Directory.Move(folder, expired);
        AgentLog.Expired(log, item.Spec.ShardId, item.ExpiresOn, expired);
        return false;
    }

    /// <summary>
    /// Tries until it works or the item's grants expire: any failure (refused, unreachable, an answer that is not what
    /// the service sends, e.g. a proxy's page) is worth another try while the result waits on disk. The SDK's text is not
    /// logged: it may quote the SAS URL.
    /// </summary>
    private async Task<bool> RetryAsync(PoolWorkItem item, string what, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action(cancellationToken);
                return true;
            }
            catch (Exception e) when (e is not OutOfMemoryException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                var why = e is RequestFailedException r ? $"{r.Status} {r.ErrorCode}" : e.GetType().Name;
                if (time.GetUtcNow() + backoff >= item.ExpiresOn)
                {
                    AgentLog.GivingUp(log, item.Spec.ShardId, what, why, item.ExpiresOn);
                    return false;
                }
                AgentLog.ReportRetrying(log, item.Spec.ShardId, what, attempt, why, (int)backoff.TotalSeconds);
                await Task.Delay(backoff, time, cancellationToken);
                backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
            }
        }
    }
}
