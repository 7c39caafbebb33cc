using LoadOps.Core.Pipeline;

namespace LoadOps.Pipeline;

/// <summary>
/// Decides what a request for a fork's pull request may do. Unapproved: its runs wait for approval (and the request is
/// remembered, so the approval starts those very runs). Approved at the commit that waits: the waiting request goes on,
/// with the approver named. Anything else approved goes on as it is. Requests not from a fork pass untouched.
/// </summary>
public sealed class ForkGate(IApprovalRepository approvals)
{
    /// <summary>What to do: <see cref="Request"/> to validate (held or not), or <see cref="Stop"/> to do nothing, saying why.</summary>
    public sealed record Verdict(RunRequest Request, bool Hold, string? Stop = null, RunRequest? Superseded = null);

    public async Task<Verdict> CheckAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.FromFork)
            return new Verdict(request, Hold: false);
        if (request.PullRequest is not { } number)
            return new Verdict(request, Hold: false, Stop: "a request from a fork without a pull request number is never run");

        var row = await approvals.GetAsync(request.Repository, number, cancellationToken);
        if (request.ApprovedBy is null)
        {
            if (row is not null && row.Request.RequestId == request.RequestId)
                return new Verdict(request, Hold: true); // a duplicate: the row already holds this request
            if (row is { IsApproved: true } && row.Commit == request.Commit)
                return new Verdict(request, Hold: false,
                    Stop: $"commit {request.Commit} of #{number} was already approved by {row.ApprovedBy}; its runs started from that approval");
            await approvals.PutAsync(new PendingApproval(request, null, null), cancellationToken);
            var superseded = row is { IsApproved: false } && row.Commit != request.Commit ? row.Request : null;
            return new Verdict(request, Hold: true, Superseded: superseded);
        }

        // Approved (label, /loadtest approve, or /loadtest run by someone with write access).
        if (row is not null && row.Commit == request.Commit && request.TestName is null && (!row.IsApproved || row.ApprovedVia == request.RequestId))
        {
            await approvals.PutAsync(row with { ApprovedBy = request.ApprovedBy, ApprovedVia = request.RequestId }, cancellationToken);
            return new Verdict(row.Request with { ApprovedBy = request.ApprovedBy }, Hold: false);
        }
        if (row is null && request.TestName is null)
            await approvals.PutAsync(new PendingApproval(request, request.ApprovedBy, request.RequestId), cancellationToken);
        return new Verdict(request, Hold: false);
    }
}
