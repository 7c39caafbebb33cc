using System.Text.Json.Nodes;
using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;

namespace LoadOps.Infra.Tests.Bicep;

public sealed class StorageTemplateTests(CompiledTemplateFixture fixture)
{
    private readonly CompiledTemplate template = fixture.Template;

    [Fact]
    public void Storage_account_requires_tls_1_2_https_and_entra_auth()
    {
        var account = template.Single("Microsoft.Storage/storageAccounts");
        Assert.Equal("TLS1_2", (string?)account.Property("minimumTlsVersion"));
        Assert.True((bool?)account.Property("supportsHttpsTrafficOnly"));
        Assert.False((bool?)account.Property("allowSharedKeyAccess"));
        Assert.False((bool?)account.Property("allowBlobPublicAccess"));
    }

    [Fact]
    public void Blob_containers_are_private()
    {
        var containers = template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();
        Assert.NotEmpty(containers);
        Assert.All(containers, container => Assert.Equal("None", (string?)container.Property("publicAccess")));
    }

    [Fact]
    public void Every_stage_queue_the_functions_listen_on_is_created()
    {
        // The queue triggers listen on StageQueueNames (functions.metadata is checked against them by the Functions tests).
        var queueNames = NamesOf(template.Single("Microsoft.Storage/storageAccounts/queueServices/queues"), "stageQueues");
        Assert.All(StageQueueNames.Stages, queue => Assert.Contains(queue, queueNames));
    }

    [Fact]
    public void State_tables_are_the_ones_the_app_uses()
    {
        // The app's storage role may not create tables, so every table of StorageNames must be deployed.
        var tables = NamesOf(template.Single("Microsoft.Storage/storageAccounts/tableServices/tables"), "tables");
        Assert.Equal(new StorageNames().Tables.Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
    }

    private static List<string> NamesOf(ArmResource loop, string variable)
    {
        // The resource is a copy loop over a literal list held in a variable of the module.
        Assert.NotNull(loop.Body["copy"]);
        var names = loop.Template["variables"]?[variable] as JsonArray;
        Assert.NotNull(names);
        return [.. names.Select(name => (string)name!)];
    }
}
