using LoadOps.Cloud.Hosting;
using LoadOps.Cloud.Pools;
using LoadOps.Cloud.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LoadOps.Cloud.Tests.Hosting;

/// <summary>
/// Regression (issue 14): the Service Bus clients, senders and receivers of the pools were never closed, so a host that
/// stopped left its AMQP connections to the finalizer. The namespace below does not exist; nothing here connects to it
/// (the SDK connects on first send), the test only opens the queue and stops the host.
/// </summary>
public sealed class PoolDisposalTests
{
    [Fact]
    public async Task Stopping_the_host_closes_every_service_bus_queue_of_the_pools()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["LoadOps:Pools:lab:Transport"] = "ServiceBus",
            ["LoadOps:Pools:lab:ServiceBusNamespace"] = "loadops-test-absent",
            ["LoadOps:Pools:lab:SasKeyName"] = "send",
            ["LoadOps:Pools:lab:SasKey"] = Convert.ToBase64String(new byte[32]),
        }).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        services.AddSingleton(StorageClients.FromConnectionString("UseDevelopmentStorage=true", new StorageNames()));
        services.AddLoadOpsStages(configuration);
        var provider = services.BuildServiceProvider();
        var pools = provider.GetRequiredService<CloudLaunchers>().PoolLauncher;
        Assert.NotNull(pools);
        Assert.True(pools.Queues.TryGet("lab", out var queue, out var problem), problem);
        var serviceBus = Assert.IsType<ServiceBusWorkQueue>(queue);
        Assert.False(serviceBus.IsClosed);

        await provider.DisposeAsync();

        Assert.True(serviceBus.IsClosed);
    }
}
