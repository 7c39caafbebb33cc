using System.Text.Json.Nodes;
using LoadOps.Pipeline;

namespace LoadOps.Functions.Tests.Metadata;

/// <summary>host.json as built next to functions.metadata: how the host reads the stage queues.</summary>
public sealed class HostJsonTests
{
    private static readonly JsonNode Host = FunctionsMetadata.HostJson();

    private static JsonNode Queues => Host["extensions"]!["queues"]!;

    [Fact]
    public void Queue_messages_are_decoded_from_base64_as_the_stage_senders_encode_them()
    {
        // StorageClients builds its QueueClient with QueueMessageEncoding.Base64; the host must undo exactly that.
        Assert.Equal("base64", (string?)Queues["messageEncoding"]);
    }

    [Fact]
    public void The_host_gives_a_message_up_after_the_deliveries_the_app_counts_as_last()
    {
        Assert.Equal(StageDelivery.MaxDequeueCount, FunctionsMetadata.MaxDequeueCount());
        Assert.True(StageDelivery.IsLast(StageDelivery.MaxDequeueCount));
        Assert.False(StageDelivery.IsLast(StageDelivery.MaxDequeueCount - 1));
    }

    [Fact]
    public void A_failed_message_waits_before_its_retry()
    {
        Assert.True(TimeSpan.Parse((string)Queues["visibilityTimeout"]!, System.Globalization.CultureInfo.InvariantCulture) >= TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void An_isolated_worker_app_has_neither_a_custom_handler_nor_an_extension_bundle()
    {
        // The Worker SDK ships the extensions (extensions.json); a bundle would load a second copy.
        Assert.Null(Host["customHandler"]);
        Assert.Null(Host["extensionBundle"]);
        Assert.Equal("2.0", (string?)Host["version"]);
    }
}
