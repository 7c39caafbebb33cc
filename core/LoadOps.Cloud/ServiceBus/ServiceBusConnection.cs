using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;

namespace LoadOps.Cloud.ServiceBus;

/// <summary>
/// Opens a <see cref="ServiceBusClient"/> (Azure.Messaging.ServiceBus, AMQP) the three ways LoadOps is given one: a
/// connection string, a namespace with a shared access key (a Send or Listen rule), or a namespace with an Entra
/// identity (a managed identity with the Azure Service Bus Data Sender/Receiver role). No key reaches a log.
/// </summary>
public static class ServiceBusConnection
{
    /// <summary>The SDK's own retries: transient AMQP faults are retried inside it, a few times, with jitter.</summary>
    public static ServiceBusClientOptions Options() => new()
    {
        TransportType = ServiceBusTransportType.AmqpTcp,
        RetryOptions = new ServiceBusRetryOptions
        {
            Mode = ServiceBusRetryMode.Exponential,
            MaxRetries = 3,
            Delay = TimeSpan.FromSeconds(0.5),
            MaxDelay = TimeSpan.FromSeconds(10),
            TryTimeout = TimeSpan.FromSeconds(30),
        },
    };

    public static ServiceBusClient FromConnectionString(string connectionString) => new(connectionString, Options());

    public static ServiceBusClient FromSharedAccessKey(Uri serviceBusNamespace, string keyName, string key) =>
        new(HostOf(serviceBusNamespace), new AzureNamedKeyCredential(keyName, key), Options());

    /// <summary>An Entra identity; null: <see cref="DefaultAzureCredential"/> (managed identity in Azure, az login elsewhere).</summary>
    public static ServiceBusClient FromIdentity(Uri serviceBusNamespace, TokenCredential? identity = null) =>
        new(HostOf(serviceBusNamespace), identity ?? new DefaultAzureCredential(), Options());

    /// <summary>The fully qualified namespace the SDK wants (<c>myns.servicebus.windows.net</c>).</summary>
    public static string HostOf(Uri serviceBusNamespace)
    {
        ArgumentNullException.ThrowIfNull(serviceBusNamespace);
        return serviceBusNamespace.Host;
    }
}
