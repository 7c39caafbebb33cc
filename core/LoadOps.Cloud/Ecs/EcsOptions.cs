using System.ComponentModel.DataAnnotations;

namespace LoadOps.Cloud.Ecs;

/// <summary>Where and how runner tasks start on ECS Fargate (the CloudFormation stack in infra/aws outputs these).</summary>
public sealed class EcsOptions
{
    public const string SectionName = "LoadOps:Ecs";

    [Required] public string Cluster { get; init; } = "";
    [Required] public string TaskDefinition { get; init; } = "";

    /// <summary>The container in the task definition whose environment carries the shard queue and run id.</summary>
    [Required] public string ContainerName { get; init; } = "runner";

    [MinLength(1)] public IReadOnlyList<string> Subnets { get; init; } = [];
    public IReadOnlyList<string> SecurityGroups { get; init; } = [];

    /// <summary>Fargate tasks in public subnets need a public IP to reach the target and storage.</summary>
    public bool AssignPublicIp { get; init; } = true;

    /// <summary>Overrides https://ecs.{region}.amazonaws.com, e.g. for a VPC endpoint or a test stub.</summary>
    public Uri? Endpoint { get; init; }

    [Range(1, 10)] public int MaxAttempts { get; init; } = 5;
}
