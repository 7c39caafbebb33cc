using System.Text.Json;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Serialization;

namespace LoadOps.Pipeline.Memory;

/// <summary>
/// The approval of each fork pull request in a dictionary, keyed like the approvals table: repository ignoring case,
/// then PR number. A put replaces what was there (the last write wins). The request is kept as the same JSON the
/// table column holds, so a request that would not serialise fails here too and every read gets its own copy.
/// </summary>
public sealed class InMemoryApprovals : IApprovalRepository
{
    private readonly Dictionary<(string Repository, int PullRequest), (string Request, string? ApprovedBy, string? ApprovedVia)> _approvals = [];
    private readonly Lock _lock = new();

    public Task<PendingApproval?> GetAsync(string repository, int pullRequest, CancellationToken cancellationToken)
    {
        var key = Key(repository, pullRequest);
        (string Request, string? ApprovedBy, string? ApprovedVia) row;
        lock (_lock)
        {
            if (!_approvals.TryGetValue(key, out row))
                return Task.FromResult<PendingApproval?>(null);
        }
        var request = JsonSerializer.Deserialize<RunRequest>(row.Request, LoadOpsJson.Compact);
        return Task.FromResult(request is null ? null : new PendingApproval(request, row.ApprovedBy, row.ApprovedVia));
    }

    public Task PutAsync(PendingApproval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var request = approval.Request;
        ArgumentNullException.ThrowIfNull(request, nameof(approval));
        if (request.PullRequest is not { } number)
            throw new ArgumentException("Only the run request of a pull request waits for approval.", nameof(approval));
        var key = Key(request.Repository, number);
        var json = JsonSerializer.Serialize(request, LoadOpsJson.Compact);
        lock (_lock)
            _approvals[key] = (json, approval.ApprovedBy, approval.ApprovedVia);
        return Task.CompletedTask;
    }

    // GitHub repository names ignore case, and so does the table's partition key.
    private static (string, int) Key(string repository, int pullRequest)
    {
        ArgumentNullException.ThrowIfNull(repository);
        return (repository.ToLowerInvariant(), pullRequest);
    }
}
