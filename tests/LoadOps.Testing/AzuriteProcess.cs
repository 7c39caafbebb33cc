using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LoadOps.Testing;

/// <summary>
/// Azurite from the repository's node_modules on three free loopback ports, in memory or in a data folder, without
/// telemetry; killed on dispose. What the integration tests' fixture and the pipeline benchmark both stand on.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>Azurite's well-known development account (public, documented; not a secret).</summary>
    public const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly List<string> _output = [];

    private AzuriteProcess(Process process) => _process = process;

    public string ConnectionString { get; private set; } = "";

    public int ProcessId => _process.Id;

    /// <summary>Starts Azurite and waits until its three ports answer; <paramref name="dataFolder"/> null keeps everything in memory.</summary>
    public static async Task<AzuriteProcess> StartAsync(string? dataFolder, CancellationToken cancellationToken)
    {
        var root = RepositoryRoot();
        var azurite = Path.Combine(root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
            throw new InvalidOperationException($"Azurite is not installed: {azurite} is missing. Run `npm ci` in {root} first.");

        int blob = LoopbackPort.Free(), queue = LoopbackPort.Free(), table = LoopbackPort.Free();
        var start = new ProcessStartInfo(azurite) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] storage = dataFolder is null ? ["--inMemoryPersistence"] : ["--location", dataFolder];
        foreach (var argument in storage.Concat(
        [
            "--silent", "--loose", "--skipApiVersionCheck", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}", "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
        ]))
        {
            start.ArgumentList.Add(argument);
        }
        var azuriteProcess = new AzuriteProcess(Process.Start(start) ?? throw new InvalidOperationException($"Could not start {azurite}."));
        var process = azuriteProcess._process;
        process.OutputDataReceived += (_, e) => azuriteProcess.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => azuriteProcess.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await azuriteProcess.WaitForPortsAsync([blob, queue, table], cancellationToken);
        }
        catch
        {
            await azuriteProcess.DisposeAsync();
            throw;
        }
        azuriteProcess.ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/{AccountName};QueueEndpoint=http://127.0.0.1:{queue}/{AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{table}/{AccountName};";
        return azuriteProcess;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private async Task WaitForPortsAsync(int[] ports, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        foreach (var port in ports)
        {
            while (true)
            {
                if (_process.HasExited)
                    throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode}: {Output()}");
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"Azurite did not open port {port} within {StartTimeout.TotalSeconds} s: {Output()}");
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                    break;
                }
                catch (SocketException)
                {
                    await Task.Delay(100, cancellationToken);
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

    /// <summary>Azurite's last lines, for an error that says why it did not come up.</summary>
    private string Output()
    {
        lock (_output)
            return string.Join(Environment.NewLine, _output.TakeLast(20));
    }


    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "package.json")) && File.Exists(Path.Combine(dir.FullName, "LoadOps.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No repository root (package.json + LoadOps.sln) above {AppContext.BaseDirectory}.");
    }
}
