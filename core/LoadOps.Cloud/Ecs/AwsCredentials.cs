namespace LoadOps.Cloud.Ecs;

/// <summary>AWS credentials for signing. <see cref="SessionToken"/> is set for temporary (assumed-role) credentials.</summary>
public sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary>Never prints the secret parts.</summary>
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId}, SecretAccessKey = ***, SessionToken = {(SessionToken is null ? "none" : "***")} }}";
}
