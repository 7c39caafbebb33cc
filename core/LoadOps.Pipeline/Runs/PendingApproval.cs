using LoadOps.Core.Pipeline;
using LoadOps.Pipeline.Cost;
using LoadOps.Pipeline.Live;
using LoadOps.Pipeline.Publish;

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
