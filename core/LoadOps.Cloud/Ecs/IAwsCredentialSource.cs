namespace LoadOps.Cloud.Ecs;

/// <summary>Supplies AWS credentials at signing time, so that temporary credentials can be refreshed.</summary>
public interface IAwsCredentialSource
{
    ValueTask<AwsCredentials> GetAsync(CancellationToken cancellationToken);
}
