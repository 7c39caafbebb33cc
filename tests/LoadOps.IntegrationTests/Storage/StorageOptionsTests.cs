using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;

namespace LoadOps.IntegrationTests.Storage;

public sealed class StorageOptionsTests
{
    [Fact]
    public void A_connection_string_alone_is_enough() =>
        Assert.Empty(new StorageOptions { ConnectionString = StorageOptions.DevelopmentConnectionString }.Problems());

    [Fact]
    public void Without_a_connection_string_all_three_uris_are_required()
    {
        var problem = Assert.Single(new StorageOptions { BlobServiceUri = new Uri("https://acct.blob.core.windows.net") }.Problems());
        Assert.Contains("QueueServiceUri, TableServiceUri", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_http_is_refused_except_on_loopback()
    {
        var options = new StorageOptions
        {
            BlobServiceUri = new Uri("http://acct.blob.core.windows.net"),
            QueueServiceUri = new Uri("http://127.0.0.1:10001/devstoreaccount1"),
            TableServiceUri = new Uri("https://acct.table.core.windows.net"),
            NamePrefix = "Bad-Prefix",
            MaxDequeueCount = 0,
        };

        var problems = options.Problems();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("BlobServiceUri", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("NamePrefix", StringComparison.Ordinal));
    }

    [Fact]
    public void A_malformed_connection_string_is_reported_without_its_secret()
    {
        const string secret = "c2VjcmV0LWtleS1kby1ub3Qtc2hvdw==";
        var error = Assert.Throws<ArgumentException>(() =>
            StorageClients.FromConnectionString($"AccountName=acct;AccountKey={secret};NoEndpoint"));

        Assert.DoesNotContain(secret, error.ToString(), StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }

    [Fact]
    public void Uris_and_a_credential_build_clients_without_contacting_azure()
    {
        var clients = StorageClients.Create(new StorageOptions
        {
            BlobServiceUri = new Uri("https://acct.blob.core.windows.net"),
            QueueServiceUri = new Uri("https://acct.queue.core.windows.net"),
            TableServiceUri = new Uri("https://acct.table.core.windows.net"),
            NamePrefix = "prod",
        });

        Assert.Equal("acct", clients.Blobs.AccountName);
        Assert.Equal("prodruns", clients.Names.RunsTable);
        Assert.Equal("prod-loadops-collect", clients.Names.Queue(StageQueueNames.Collect));
    }

    [Fact]
    public void The_development_connection_string_points_at_local_azurite()
    {
        var clients = StorageClients.FromConnectionString(StorageOptions.DevelopmentConnectionString);

        Assert.Equal("devstoreaccount1", clients.Tables.AccountName);
        Assert.Equal("127.0.0.1", clients.Blobs.Uri.Host);
        Assert.Equal("127.0.0.1", clients.Queues.Uri.Host);
        Assert.Equal("runs", clients.Names.RunsTable);
    }

    [Fact]
    public void An_account_name_alone_names_the_three_public_endpoints()
    {
        var options = new StorageOptions { AccountName = "loadopsstate" };
        Assert.Empty(options.Problems());
        var (blob, queue, table) = options.ServiceUris();
        Assert.Equal("https://loadopsstate.blob.core.windows.net/", blob.ToString());
        Assert.Equal("https://loadopsstate.queue.core.windows.net/", queue.ToString());
        Assert.Equal("https://loadopsstate.table.core.windows.net/", table.ToString());
    }

    [Fact]
    public void An_account_name_that_Azure_would_refuse_is_a_problem() =>
        Assert.Contains(new StorageOptions { AccountName = "Bad_Name" }.Problems(), p => p.Contains("AccountName", StringComparison.Ordinal));
}
