using LoadOps.Cloud.Pools;

namespace LoadOps.Cloud.Tests.Pools;

public sealed class PoolOptionsReaderTests
{
    private static KeyValuePair<string, string?> Setting(string key, string value) => new(key, value);

    [Fact]
    public void Environment_and_configuration_keys_give_each_pool_its_transport()
    {
        var (pools, problems) = PoolOptionsReader.Read([
            Setting("LoadOps__Pools__lab__Transport", "ServiceBus"),
            Setting("LoadOps__Pools__lab__ServiceBusNamespace", "myns"),
            Setting("LoadOps:Pools:lab:SasKeyName", "send"),
            Setting("LoadOps:Pools:lab:SasKey", "k"),
            Setting("LOADOPS__POOLS__edge__QueueName", "edge-work"),
            Setting("PATH", "/usr/bin"),
        ]);

        Assert.Empty(problems);
        Assert.Equal(PoolTransport.ServiceBus, pools["lab"].Transport);
        Assert.Equal("myns", pools["lab"].ServiceBusNamespace);
        Assert.Equal("send", pools["lab"].SasKeyName);
        Assert.Equal(PoolTransport.StorageQueue, pools["edge"].Transport);
        Assert.Equal("edge-work", pools["edge"].QueueName);
        Assert.Equal(2, pools.Count);
    }

    [Fact]
    public void Every_problem_is_reported_without_values()
    {
        var (_, problems) = PoolOptionsReader.Read([
            Setting("LoadOps__Pools__lab__Transport", "Kafka"),
            Setting("LoadOps__Pools__lab__SasKey", "super-secret"),
            Setting("LoadOps__Pools__lab__Colour", "blue"),
            Setting("LoadOps__Pools__sb__Transport", "servicebus"),
        ]);

        Assert.Contains(problems, p => p.Contains("lab:Transport must be StorageQueue or ServiceBus", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("lab:Colour is not a pool setting", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("set both SasKeyName and SasKey", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("sb:ServiceBusNamespace is required", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("super-secret", StringComparison.Ordinal));
    }

    [Fact]
    public void Service_bus_pools_default_to_the_deployed_namespace()
    {
        var (pools, problems) = PoolOptionsReader.Read([
            Setting("LoadOps__ServiceBus__Namespace", "deployed-ns"),
            Setting("LoadOps__Pools__lab__Transport", "ServiceBus"),
            Setting("LoadOps__Pools__edge__Transport", "ServiceBus"),
            Setting("LoadOps__Pools__edge__ServiceBusNamespace", "other-ns"),
        ]);

        Assert.Empty(problems);
        Assert.Equal("deployed-ns", pools["lab"].ServiceBusNamespace);
        Assert.Equal("other-ns", pools["edge"].ServiceBusNamespace);
    }

    [Theory]
    [InlineData("myns", "https://myns.servicebus.windows.net/")]
    [InlineData("myns.servicebus.windows.net", "https://myns.servicebus.windows.net/")]
    [InlineData("sb://myns.servicebus.windows.net/", "https://myns.servicebus.windows.net/")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    public void Namespaces_are_written_any_usual_way(string text, string expected) =>
        Assert.Equal(new Uri(expected), PoolOptions.NamespaceUri(text));
}
