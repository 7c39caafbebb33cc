using LoadOps.Core.Results;
using LoadOps.Pipeline;
using LoadOps.Pipeline.Memory;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>The artifacts contract in memory: one <see cref="InMemoryArtifacts"/> serves results and stage documents.</summary>
public sealed class InMemoryArtifactsContractTests : ArtifactsContract
{
    protected override Task<(IResultArtifacts Results, IStageDocuments Documents)> NewStoresAsync()
    {
        var artifacts = new InMemoryArtifacts(TimeProvider.System);
        return Task.FromResult<(IResultArtifacts, IStageDocuments)>((artifacts, artifacts));
    }

    protected override Task PutInterimAsync(IResultArtifacts results, ResultFile snapshot)
    {
        ((InMemoryArtifacts)results).PutInterimResult(snapshot);
        return Task.CompletedTask;
    }
}
