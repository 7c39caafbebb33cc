using System.Security.Cryptography;
using LoadOps.Cloud.Storage;
using LoadOps.Testing;

[assembly: AssemblyFixture(typeof(LoadOps.IntegrationTests.AzuriteFixture))]

namespace LoadOps.IntegrationTests;

/// <summary>
/// One Azurite for the whole test assembly (<see cref="AzuriteProcess"/>) with a temporary data folder, stopped and
/// cleaned up at the end. Tests isolate themselves with a random name prefix (<see cref="NewClientsAsync"/>) or unique
/// ids, never by order.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account (public, documented; not a secret).</summary>
    public const string AccountName = AzuriteProcess.AccountName;

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "loadops-azurite-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
    private AzuriteProcess? _azurite;

    public string ConnectionString => _azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite has not started.");

    /// <summary>Clients with a fresh random name prefix and every table, container and stage queue created.</summary>
    public async Task<StorageClients> NewClientsAsync(CancellationToken cancellationToken)
    {
        var prefix = "t" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var clients = StorageClients.FromConnectionString(ConnectionString, new StorageNames(prefix));
        await new StorageProvisioner(clients).EnsureCreatedAsync(cancellationToken);
        return clients;
    }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dataFolder);
        _azurite = await AzuriteProcess.StartAsync(_dataFolder, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is not null)
            await _azurite.DisposeAsync();
        if (Directory.Exists(_dataFolder))
            Directory.Delete(_dataFolder, recursive: true);
    }
}
