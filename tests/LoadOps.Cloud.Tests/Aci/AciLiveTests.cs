using Azure.Identity;
using LoadOps.Cloud.Aci;
using LoadOps.Cloud.Http;
using LoadOps.Core.Definitions;

namespace LoadOps.Cloud.Tests.Aci;

/// <summary>
/// Calls real Azure Resource Manager, only when AZURE_SUBSCRIPTION_ID and LOADOPS_LIVE_ACI_RESOURCE_GROUP are set
/// (credentials from DefaultAzureCredential: AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, az login, managed
/// identity). Setting LOADOPS_LIVE_ACI_IMAGE as well creates one small container group and deletes it (a few cents).
/// </summary>
public sealed class AciLiveTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AciOptions? Options()
    {
        var subscription = Environment.GetEnvironmentVariable("AZURE_SUBSCRIPTION_ID");
        var group = Environment.GetEnvironmentVariable("LOADOPS_LIVE_ACI_RESOURCE_GROUP");
        if (string.IsNullOrWhiteSpace(subscription) || string.IsNullOrWhiteSpace(group))
            return null;
        return new AciOptions
        {
            SubscriptionId = subscription, ResourceGroup = group, Cpu = 1, MemoryGb = 1,
            Image = Environment.GetEnvironmentVariable("LOADOPS_LIVE_ACI_IMAGE") ?? "",
        };
    }

    [Fact]
    public async Task Reading_a_group_that_does_not_exist_is_not_found_with_real_credentials()
    {
        var options = Options();
        Assert.SkipWhen(options is null, "live ACI test: set AZURE_SUBSCRIPTION_ID and LOADOPS_LIVE_ACI_RESOURCE_GROUP to run it");
        using var http = OutboundHttp.CreateClient(OutboundHttp.Arm);
        var launcher = new AciLauncher(new ArmRestClient(http, new DefaultAzureCredential(), options!), options!);

        var state = await launcher.GetStateAsync(launcher.ResourceId("lo-live-probe-does-not-exist"), Ct);

        Assert.False(state.Exists);
    }

    [Fact]
    public async Task A_container_group_is_created_and_deleted()
    {
        var options = Options();
        Assert.SkipWhen(options is null || options.Image.Length == 0,
            "live ACI create test: set AZURE_SUBSCRIPTION_ID, LOADOPS_LIVE_ACI_RESOURCE_GROUP, LOADOPS_LIVE_ACI_IMAGE (and LOADOPS_LIVE_ACI_REGION) to run it");
        var region = Environment.GetEnvironmentVariable("LOADOPS_LIVE_ACI_REGION") is { Length: > 0 } r ? r : "westeurope";
        using var http = OutboundHttp.CreateClient(OutboundHttp.Arm);
        var launcher = new AciLauncher(new ArmRestClient(http, new DefaultAzureCredential(), options!), options!);
        var spec = AciTestSpecs.Plan(new RunnerSpec("azure/" + region, 1))[0] with { ShardId = "live-" + Guid.NewGuid().ToString("n")[..10] };

        var id = await launcher.LaunchAsync(AciTestSpecs.Work(spec), region, Ct);
        try
        {
            Assert.True((await launcher.GetStateAsync(id, Ct)).Exists);
        }
        finally
        {
            await launcher.DeleteAsync(id, CancellationToken.None);
        }
        Assert.False((await launcher.GetStateAsync(id, Ct)).Exists);
    }
}
