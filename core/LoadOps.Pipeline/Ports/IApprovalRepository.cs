namespace LoadOps.Pipeline;

/// <summary>Fork pull requests waiting for a maintainer's approval before their load test may run.</summary>
public interface IApprovalRepository
{
    Task<PendingApproval?> GetAsync(string repository, int pullRequest, CancellationToken cancellationToken);

    /// <summary>Records <paramref name="approval"/> for its request's pull request, replacing what was there.</summary>
    Task PutAsync(PendingApproval approval, CancellationToken cancellationToken);
}
