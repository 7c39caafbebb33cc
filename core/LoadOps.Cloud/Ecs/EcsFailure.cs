namespace LoadOps.Cloud.Ecs;

/// <summary>One entry of a response's <c>failures</c> list: ECS said 200 but did not do this part.</summary>
public sealed record EcsFailure(string? Arn, string Reason, string? Detail);
