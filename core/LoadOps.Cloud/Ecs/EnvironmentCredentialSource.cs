namespace LoadOps.Cloud.Ecs;

/// <summary>
/// Credentials from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, as set by
/// <c>aws sts assume-role</c>, GitHub's OIDC action or a Function App's Key Vault references.
/// </summary>
public sealed class EnvironmentCredentialSource(Func<string, string?>? read = null) : IAwsCredentialSource
{
    private readonly Func<string, string?> _read = read ?? Environment.GetEnvironmentVariable;

    public ValueTask<AwsCredentials> GetAsync(CancellationToken cancellationToken)
    {
        var id = _read("AWS_ACCESS_KEY_ID");
        var secret = _read("AWS_SECRET_ACCESS_KEY");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(secret))
            throw new InvalidOperationException("AWS credentials are not set: define AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for a role).");
        var token = _read("AWS_SESSION_TOKEN");
        return ValueTask.FromResult(new AwsCredentials(id, secret, string.IsNullOrEmpty(token) ? null : token));
    }
}
