using Azure.Storage.Blobs;
using LoadOps.Cloud.Pipeline;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

/// <summary>The artifacts contract on Azure Blobs (Azurite, fresh container names per test).</summary>
public sealed class AzureArtifactsContractTests(AzuriteFixture azurite) : ArtifactsContract
{
    protected override async Task<(IResultArtifacts Results, IStageDocuments Documents)> NewStoresAsync()
    {
        var clients = await azurite.NewClientsAsync(Ct);
        return (new ResultStore(clients, TimeProvider.System), new PipelineBlobs(clients));
    }

    /// <summary>As a runner does: an upload through the shard's interim grant.</summary>
    protected override async Task PutInterimAsync(IResultArtifacts results, ResultFile snapshot)
    {
        var grant = await results.CreateInterimUploadUriAsync(snapshot.RunId, snapshot.ShardId!, TimeSpan.FromMinutes(30), Ct);
        await new BlobClient(grant).UploadAsync(BinaryData.FromString(LoadOpsJson.Serialize(snapshot)), overwrite: true, Ct);
    }
}
