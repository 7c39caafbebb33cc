namespace LoadOps.Cloud.Ecs;

/// <summary>What a launch achieved. Tasks that did start are listed even when others failed, so they can be stopped.</summary>
public sealed record EcsLaunchResult(int Requested, IReadOnlyList<string> TaskArns, IReadOnlyList<EcsFailure> Failures)
{
    public bool IsComplete => Failures.Count == 0 && TaskArns.Count == Requested;
}
