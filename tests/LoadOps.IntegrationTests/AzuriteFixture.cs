using System.Diagnostics;
using System.Net.Sockets;
using System.Net;
using System.Security.Cryptography;
using LoadOps.Cloud.Storage;

[assembly: AssemblyFixture(typeof(LoadOps.IntegrationTests.AzuriteFixture))]

namespace LoadOps.IntegrationTests;

/// <summary>
/// One Azurite for the whole test assembly: started from the repository's node_modules on three free loopback ports
/// with a temporary data folder, stopped and cleaned up at the end. Tests isolate themselves with a random name prefix
/// (<see cref="NewClientsAsync"/>) or unique ids, never by order.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>Azurite's well-known development account (public, documented; not a secret).</summary>
    public const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "loadops-azurite-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
    private Process? _azurite;
    private readonly List<string> _output = [];

    public string ConnectionString { get; private set; } = "";

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
        var root = FindRepositoryRoot();
        var azurite = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
            throw new InvalidOperationException($"Azurite is not installed: {azurite} is missing. Run `npm ci` in {root} first.");

        Directory.CreateDirectory(_dataFolder);
        int blob = FreePort(), queue = FreePort(), table = FreePort();
        var start = new ProcessStartInfo(azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--silent", "--loose", "--skipApiVersionCheck", "--disableTelemetry", "--location", _dataFolder,
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
        })
        {
            start.ArgumentList.Add(arg);
        }

        _azurite = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {azurite}.");
        _azurite.OutputDataReceived += (_, e) => Remember(e.Data);
        _azurite.ErrorDataReceived += (_, e) => Remember(e.Data);
        _azurite.BeginOutputReadLine();
        _azurite.BeginErrorReadLine();

        await WaitForPortsAsync([blob, queue, table]);
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/{AccountName};QueueEndpoint=http://127.0.0.1:{queue}/{AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{table}/{AccountName};";
    }

    public async ValueTask DisposeAsync()
    {
        if (_azurite is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        if (Directory.Exists(_dataFolder))
            Directory.Delete(_dataFolder, recursive: true);
    }

    private async Task WaitForPortsAsync(int[] ports)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (var port in ports)
        {
            while (true)
            {
                if (_azurite!.HasExited)
                    throw new InvalidOperationException($"Azurite exited with code {_azurite.ExitCode}: {Output()}");
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"Azurite did not open port {port} within {StartTimeout.TotalSeconds} s: {Output()}");
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException)
                {
                    await Task.Delay(100);
                }
            }
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.Add(line);
    }

    private string Output()
    {
        lock (_output)
            return string.Join(Environment.NewLine, _output.TakeLast(20));
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && File.Exists(Path.Combine(dir.FullName, "LoadOps.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException($"No repository root (package.json + LoadOps.sln) above {AppContext.BaseDirectory}.");
    }
}
