using Azure.Data.Tables;
using Azure;
using LoadOps.Cloud.Storage;

namespace LoadOps.Cli.Serve;

/// <summary>
/// What <c>loadops serve --watch-repo</c> has seen, in the table <c>{prefix}repowatch</c> so it outlives a restart and
/// is shared by every serve on the same storage. Partition = repository name; row <c>commit|SHA</c> is a create-only
/// claim (the one serve whose insert succeeds starts the commit's run), row <c>branch|NAME</c> is the last head seen
/// on a branch (where the next poll starts from). A claim is marked sent once its request is on the queue; a claim
/// left unsent longer than <see cref="StaleAfter"/> (its serve died in between) may be taken over, which is safe
/// because the request's id is derived from the commit.
/// </summary>
internal sealed class WatchedCommitStore
{
    private const string CommitRow = "commit|";
    private const string BranchRow = "branch|";
    private const string BranchEnd = "branch}";
    private const string Commit = "Commit";
    private const string SeenAt = "SeenAt";
    private const string Sent = "Sent";

    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);

    /// <summary>What a claim attempt found.</summary>
    public enum ClaimOutcome
    {
        /// <summary>This caller claimed the commit (or took over a stale unsent claim): it sends the request.</summary>
        Claimed,

        /// <summary>Another serve claimed it and sent its request.</summary>
        Sent,

        /// <summary>Another serve claimed it and has not sent yet: look again later, do not move past it.</summary>
        InFlight,
    }

    private readonly TableClient _table;
    private readonly TimeProvider _clock;

    public WatchedCommitStore(StorageClients clients, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clients);
        _table = clients.Tables.GetTableClient(clients.Names.Prefix + "repowatch");
        _clock = clock;
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        await _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Claimed for exactly one caller per repository and commit at a time (insert-if-absent; a 409 means another serve has it).</summary>
    public async Task<ClaimOutcome> TryClaimAsync(string repository, string commit, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKey.Encode(repository), CommitRow + commit)
        {
            [Commit] = commit,
            [SeenAt] = _clock.GetUtcNow(),
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return ClaimOutcome.Claimed;
        }
        catch (RequestFailedException e) when (e.Status == 409) // Conflict: the row exists
        {
            return await TryTakeOverAsync(entity.PartitionKey, entity.RowKey, cancellationToken);
        }
    }

    /// <summary>Records that the claimed commit's request was sent: no other serve takes it over after this.</summary>
    public async Task MarkSentAsync(string repository, string commit, CancellationToken cancellationToken) =>
        await _table.UpdateEntityAsync(new TableEntity(TableKey.Encode(repository), CommitRow + commit) { [Sent] = true }, ETag.All, TableUpdateMode.Merge, cancellationToken);

    private async Task<ClaimOutcome> TryTakeOverAsync(string partition, string row, CancellationToken cancellationToken)
    {
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        if (!existing.HasValue || existing.Value is not { } claim)
            return ClaimOutcome.InFlight; // released between the insert and the read: the next poll claims it
        if (claim.GetBoolean(Sent) == true)
            return ClaimOutcome.Sent;
        if (_clock.GetUtcNow() - (claim.GetDateTimeOffset(SeenAt) ?? DateTimeOffset.MinValue) < StaleAfter)
            return ClaimOutcome.InFlight;
        claim[SeenAt] = _clock.GetUtcNow();
        try
        {
            // The ETag makes one of two serves that both found the claim stale the one that takes it over.
            await _table.UpdateEntityAsync(claim, claim.ETag, TableUpdateMode.Replace, cancellationToken);
            return ClaimOutcome.Claimed;
        }
        catch (RequestFailedException e) when (e.Status == 412) // Precondition failed: another serve took it
        {
            return ClaimOutcome.InFlight;
        }
    }

    /// <summary>Gives a claimed commit back (its request could not be sent).</summary>
    public async Task ReleaseAsync(string repository, string commit, CancellationToken cancellationToken) =>
        await _table.DeleteEntityAsync(TableKey.Encode(repository), CommitRow + commit, ETag.All, cancellationToken);

    /// <summary>The last heads seen on the repository's branches (distinct commits).</summary>
    public async Task<IReadOnlyList<string>> HeadsAsync(string repository, CancellationToken cancellationToken)
    {
        var heads = new HashSet<string>(StringComparer.Ordinal);
        var partition = TableKey.Encode(repository);
        // Branch rows sort between "branch|" and "branch}" ('}' follows '|').
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {BranchRow} and RowKey lt {BranchEnd}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: [Commit], cancellationToken: cancellationToken))
        {
            if (e.GetString(Commit) is { Length: > 0 } commit)
                heads.Add(commit);
        }
        return heads.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Records the head seen on a branch (last writer wins: both serves saw the same history).</summary>
    public async Task SetHeadAsync(string repository, string branch, string commit, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKey.Encode(repository), BranchRow + TableKey.Encode(branch))
        {
            [Commit] = commit,
            [SeenAt] = _clock.GetUtcNow(),
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }
}
