namespace LoadOps.Cloud.Api;

/// <summary>Who called, once the token was accepted: a token limited to <see cref="Repository"/>, or to none (null).</summary>
public sealed record ApiCaller(string? Repository)
{
    public bool MayUse(string? repository) =>
        Repository is null || string.Equals(Repository, repository, StringComparison.OrdinalIgnoreCase);
}
