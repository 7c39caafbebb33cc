using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;

namespace LoadOps.IntegrationTests.Api;

/// <summary>
/// Debian's <c>chromium</c>, headless, driven over the DevTools protocol (one page): the way to open an API page with a
/// bearer header (<c>Network.setExtraHTTPHeaders</c>) and read its DOM while its scripts keep running, which
/// <c>--dump-dom</c> cannot. Null from <see cref="StartAsync"/> when Chromium is not installed.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly Process _process;
    private readonly DirectoryInfo _profile;
    private readonly ClientWebSocket _socket = new();
    private string _session = "";
    private int _nextId;

    private HeadlessChromium(Process process, DirectoryInfo profile)
    {
        _process = process;
        _profile = profile;
    }

    public static async Task<HeadlessChromium> StartAsync(CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("loadops-chromium-");
        var start = new ProcessStartInfo(Executable)
        {
            ArgumentList = { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", $"--user-data-dir={profile.FullName}", "about:blank" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        var browser = new HeadlessChromium(process, profile);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        string? endpoint = null;
        while (endpoint is null && await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("DevTools listening on ", StringComparison.Ordinal))
                endpoint = line["DevTools listening on ".Length..].Trim();
        }
        if (endpoint is null)
        {
            await browser.DisposeAsync();
            throw new InvalidOperationException("chromium did not announce its DevTools endpoint");
        }
        _ = process.StandardError.ReadToEndAsync(cancellationToken);
        await browser._socket.ConnectAsync(new Uri(endpoint), timeout.Token);
        var target = await browser.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, timeout.Token, browserLevel: true);
        var attached = await browser.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true },
            timeout.Token, browserLevel: true);
        browser._session = attached["sessionId"]!.GetValue<string>();
        await browser.SendAsync("Network.enable", [], timeout.Token);
        return browser;
    }

    /// <summary>Headers sent with every request of the page from now on (the navigation and the page's own fetches).</summary>
    public Task SetHeadersAsync(IReadOnlyDictionary<string, string> headers, CancellationToken cancellationToken)
    {
        var values = new JsonObject();
        foreach (var (name, value) in headers)
            values[name] = value;
        return SendAsync("Network.setExtraHTTPHeaders", new JsonObject { ["headers"] = values }, cancellationToken);
    }

    public Task NavigateAsync(string url, CancellationToken cancellationToken) =>
        SendAsync("Page.navigate", new JsonObject { ["url"] = url }, cancellationToken);

    /// <summary>The page's DOM as it is now (<c>document.documentElement.outerHTML</c>).</summary>
    public async Task<string> DomAsync(CancellationToken cancellationToken)
    {
        var result = await SendAsync("Runtime.evaluate",
            new JsonObject { ["expression"] = "document.documentElement ? document.documentElement.outerHTML : ''", ["returnByValue"] = true }, cancellationToken);
        return result["result"]?["value"]?.GetValue<string>() ?? "";
    }

    /// <summary>A screenshot of the page (PNG).</summary>
    public async Task<byte[]> ScreenshotAsync(CancellationToken cancellationToken)
    {
        var result = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png" }, cancellationToken);
        return Convert.FromBase64String(result["data"]!.GetValue<string>());
    }

    private async Task<JsonNode> SendAsync(string method, JsonObject parameters, CancellationToken cancellationToken, bool browserLevel = false)
    {
        var id = ++_nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (!browserLevel)
            message["sessionId"] = _session;
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        while (true)
        {
            var answer = JsonNode.Parse(await ReceiveAsync(cancellationToken))!;
            if (answer["id"]?.GetValue<int>() != id)
                continue; // An event, or the answer of an earlier command nobody waits for.
            if (answer["error"] is { } error)
                throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
            return answer["result"] ?? new JsonObject();
        }
    }

    private async Task<string> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult received;
        do
        {
            received = await _socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
                throw new InvalidOperationException("chromium closed the DevTools connection");
            message.Write(buffer, 0, received.Count);
        }
        while (!received.EndOfMessage);
        return Encoding.UTF8.GetString(message.ToArray());
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(CancellationToken.None);
        _process.Dispose();
        _profile.Delete(recursive: true);
    }
}
