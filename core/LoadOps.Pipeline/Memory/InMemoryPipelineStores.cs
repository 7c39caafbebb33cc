namespace LoadOps.Pipeline.Memory;

/// <summary>Every pipeline store in memory, over one clock: the stage tests' storage, with no emulator.</summary>
public static class InMemoryPipelineStores
{
    public static PipelineStores Create(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var runs = new InMemoryRunRepository(clock);
        var artifacts = new InMemoryArtifacts(clock);
        return new PipelineStores(
            runs, new InMemoryShardRepository(runs, clock), artifacts, artifacts, new InMemoryBaselines(), new InMemoryApprovals(),
            new InMemoryActiveRuns(), new InMemorySchedules(clock), new InMemorySpend(), new InMemoryStageBus());
    }
}
