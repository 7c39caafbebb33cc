using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

public sealed class StageQueueNamesTests
{
    [Theory]
    [InlineData("azure/westeurope", "loadops-shards-azure-westeurope")]
    [InlineData("AWS/us-east-1", "loadops-shards-aws-us-east-1")]
    [InlineData("pool/Lab__Two--x", "loadops-shards-pool-lab-two-x")]
    [InlineData("local", "loadops-shards-local")]
    public void Locations_become_valid_queue_names(string location, string expected) =>
        Assert.Equal(expected, StageQueueNames.ForShards(location));

    [Fact]
    public void Long_locations_are_cut_with_a_hash_leaving_room_for_prefix_and_poison_suffix()
    {
        var a = new StorageNames("t12345678").ShardQueue("pool/" + new string('a', 80) + "-one");
        var b = new StorageNames("t12345678").ShardQueue("pool/" + new string('a', 80) + "-two");

        Assert.NotEqual(a, b);
        Assert.True(StageQueueNames.PoisonOf(a).Length <= 63, a);
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", a);
    }

    [Fact]
    public void A_location_without_letters_or_digits_is_a_programmer_error() =>
        Assert.Throws<ArgumentException>(() => StageQueueNames.ForShards("//"));
}
