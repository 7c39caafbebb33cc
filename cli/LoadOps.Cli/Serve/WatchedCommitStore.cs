using Azure;
using Azure.Data.Tables;
using LoadOps.Cloud.Storage;

namespace LoadOps.Cli.Serve;

/// <summary>
/// What <c>loadops serve --watch-repo</c> has seen, in the table <c>{prefix}repowatch</c> so it outlives a restart and
/// is shared by every serve on the same storage. Partition = repository name; row <c>commit|SHA</c> is a create-only
/// claim (the one serve whose insert succeeds starts the commit's run), row <c>branch|NAME</c> is the last head seen
/// on a branch (where the next poll starts from).
/// </summary>
internal sealed class WatchedCommitStore
{
    private const string CommitRow = "commit|";
    private const string BranchRow = "branch|";
    private const string BranchEnd = "branch}";
    private const string Commit = "Commit";
    private const string SeenAt = "SeenAt";

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

    /// <summary>True for exactly one caller per repository and commit (insert-if-absent; a 409 means another serve has it).</summary>
    public async Task<bool> TryClaimAsync(string repository, string commit, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKey.Encode(repository), CommitRow + commit)
        {
            [Commit] = commit,
            [SeenAt] = _clock.GetUtcNow(),
        };
        try
        {
            await _table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409) // Conflict: the row exists
        {
            return false;
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
