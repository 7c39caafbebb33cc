using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace LoadOps.Cloud.Storage;

/// <summary>
/// The three service clients of one storage account plus the names to use in it. Built from a connection string
/// (Azurite, account key) or from service URIs and a <see cref="TokenCredential"/> (managed identity).
/// </summary>
public sealed class StorageClients
{
    private StorageClients(BlobServiceClient blobs, QueueServiceClient queues, QueueServiceClient rawQueues, TableServiceClient tables, StorageNames names)
    {
        Blobs = blobs;
        Queues = queues;
        RawQueues = rawQueues;
        Tables = tables;
        Names = names;
    }

    public BlobServiceClient Blobs { get; }
    public QueueServiceClient Queues { get; }

    /// <summary>
    /// The same queues without message encoding: for a reader that decodes what it receives itself, so a message that
    /// is not base64 can be poisoned instead of failing the whole receive in the SDK.
    /// </summary>
    public QueueServiceClient RawQueues { get; }
    public TableServiceClient Tables { get; }
    public StorageNames Names { get; }

    /// <summary>
    /// From a connection string: <c>UseDevelopmentStorage=true</c>, or explicit endpoints with an account key.
    /// A malformed string is reported without echoing it, since it may carry the account key.
    /// </summary>
    public static StorageClients FromConnectionString(string connectionString, StorageNames? names = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            return new StorageClients(
                new BlobServiceClient(connectionString),
                new QueueServiceClient(connectionString, QueueOptions()),
                new QueueServiceClient(connectionString),
                new TableServiceClient(connectionString),
                names ?? new StorageNames());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Deliberately no inner exception: the SDK's message may quote part of the string.
            throw new ArgumentException(
                "The storage connection string is not valid (value not shown). Expected \"UseDevelopmentStorage=true\" or " +
                "\"DefaultEndpointsProtocol=...;AccountName=...;AccountKey=...;BlobEndpoint=...;QueueEndpoint=...;TableEndpoint=...\".",
                nameof(connectionString));
        }
    }

    /// <summary>From service URIs and an Entra identity; the identity needs the Blob, Queue and Table Data Contributor roles.</summary>
    public static StorageClients FromServiceUris(Uri blobServiceUri, Uri queueServiceUri, Uri tableServiceUri, TokenCredential credential, StorageNames? names = null)
    {
        ArgumentNullException.ThrowIfNull(blobServiceUri);
        ArgumentNullException.ThrowIfNull(queueServiceUri);
        ArgumentNullException.ThrowIfNull(tableServiceUri);
        ArgumentNullException.ThrowIfNull(credential);
        return new StorageClients(
            new BlobServiceClient(blobServiceUri, credential),
            new QueueServiceClient(queueServiceUri, credential, QueueOptions()),
            new QueueServiceClient(queueServiceUri, credential),
            new TableServiceClient(tableServiceUri, credential),
            names ?? new StorageNames());
    }

    /// <summary>
    /// From validated options. Without a connection string the credential defaults to <see cref="DefaultAzureCredential"/>
    /// (managed identity in Azure, the developer's login elsewhere).
    /// </summary>
    public static StorageClients Create(StorageOptions options, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(" ", problems), nameof(options));

        var names = new StorageNames(options.NamePrefix);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
            return FromConnectionString(options.ConnectionString, names);

        credential ??= new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? null : options.ManagedIdentityClientId,
        });
        var (blob, queue, table) = options.ServiceUris();
        return FromServiceUris(blob, queue, table, credential, names);
    }

    /// <summary>
    /// Queue messages are base64 text, set explicitly: the Functions host's queue trigger decodes base64 (the Functions
    /// app's host.json sets <c>messageEncoding: base64</c>), so messages we send must be base64 for its triggers to read them.
    /// </summary>
    private static QueueClientOptions QueueOptions() => new() { MessageEncoding = QueueMessageEncoding.Base64 };
}
