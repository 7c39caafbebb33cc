using System.ComponentModel.DataAnnotations;

namespace LoadOps.Cloud.Ecs;

/// <summary>Where and how runner tasks start on ECS Fargate (the CloudFormation stack in infra/aws outputs these).</summary>
public sealed class EcsOptions
{
    public const string SectionName = "LoadOps:Ecs";

    /// <summary>The AWS region of the cluster; the launcher serves the location <c>aws/{Region}</c>.</summary>
    public string Region { get; init; } = "";

    [Required] public string Cluster { get; init; } = "";
    [Required] public string TaskDefinition { get; init; } = "";

    /// <summary>The container in the task definition whose environment carries the shard queue and run id.</summary>
    [Required] public string ContainerName { get; init; } = "runner";

    [MinLength(1)] public IReadOnlyList<string> Subnets { get; init; } = [];
    public IReadOnlyList<string> SecurityGroups { get; init; } = [];

    /// <summary>Fargate tasks in public subnets need a public IP to reach the target and storage.</summary>
    public bool AssignPublicIp { get; init; } = true;

    /// <summary>
    /// The launcher role to assume (output <c>LauncherRoleArn</c> of infra/aws/loadops-ecs.yaml); empty: the keys
    /// below (or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY) call ECS directly.
    /// </summary>
    public string? RoleArn { get; init; }

    /// <summary>The external id the launcher role's trust policy requires (a Key Vault reference).</summary>
    public string? ExternalId { get; init; }

    /// <summary>Access key id of the principal (a Key Vault reference); empty: AWS_ACCESS_KEY_ID.</summary>
    public string? AccessKeyId { get; init; }

    /// <summary>Secret access key of the principal (a Key Vault reference); empty: AWS_SECRET_ACCESS_KEY.</summary>
    public string? SecretAccessKey { get; init; }

    /// <summary>Overrides https://sts.{region}.amazonaws.com (a test stub).</summary>
    public Uri? StsEndpoint { get; init; }

    /// <summary>Overrides https://ecs.{region}.amazonaws.com, e.g. for a VPC endpoint or a test stub.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>
    /// Plain environment every runner task gets on top of the shard queue and run id (e.g. the storage account). ECS
    /// overrides are visible to anyone who can describe the task: put secrets in the task definition's <c>secrets</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The checks the data annotations cannot express, each naming the setting to fix.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Region))
            problems.Add("LoadOps:Ecs:Region is empty: set the AWS region of the cluster, e.g. us-east-1.");
        if (string.IsNullOrWhiteSpace(Cluster))
            problems.Add("LoadOps:Ecs:Cluster is empty: set the ECS cluster name or ARN.");
        if (string.IsNullOrWhiteSpace(TaskDefinition))
            problems.Add("LoadOps:Ecs:TaskDefinition is empty: set the runner task definition (family:revision).");
        if (string.IsNullOrEmpty(AccessKeyId) != string.IsNullOrEmpty(SecretAccessKey))
            problems.Add("LoadOps:Ecs:AccessKeyId and LoadOps:Ecs:SecretAccessKey go together: set both, or neither to use AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY.");
        if (Subnets.Count == 0)
            problems.Add("LoadOps:Ecs:Subnets is empty: set at least one subnet for the Fargate tasks.");
        return problems;
    }
}
