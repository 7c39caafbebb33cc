using LoadOps.Core.Pipeline;

namespace LoadOps.Pipeline;

/// <summary>
/// The approval state of one fork pull request: the request that waits (or waited) for approval at <see cref="Commit"/>,
/// and once approved, who approved it and the id of the approving request.
/// </summary>
public sealed record PendingApproval(RunRequest Request, string? ApprovedBy, string? ApprovedVia)
{
    public string Commit => Request.Commit;

    public bool IsApproved => ApprovedBy is not null;
}
