namespace LoadOps.Core.Webhooks;

/// <summary>A user's access to a repository, as GitHub's collaborator permission API reports it (lowest first).</summary>
public enum RepositoryPermission
{
    None,
    Read,
    Triage,
    Write,
    Maintain,
    Admin,
}
