using LoadOps.Cloud.Api;
using LoadOps.Cloud.Storage;

namespace LoadOps.Cli.Serve;

/// <summary>Checks <c>--listen</c> and the endpoint's secrets, starts the endpoint and says where it listens and what it still needs.</summary>
internal static class ServeListen
{
    /// <summary>What is wrong with the endpoint's settings, or null.</summary>
    public static string? Problem(ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Listen is null)
            return null;
        if (!Uri.TryCreate(options.Listen, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp || url.AbsolutePath != "/" || url.IsDefaultPort)
            return $"--listen must be http://HOST:PORT (e.g. {ServeOptions.DefaultListen}) or 'none', not '{options.Listen}'.";
        var tokens = ApiTokenCheck.Problems(options.Security.Api);
        return tokens.Count == 0 ? null : "the API tokens from the environment (LoadOps__Api__Tokens__N__Sha256) are not valid: " + string.Join(" ", tokens);
    }

    /// <summary>The started endpoint; null when there is none to start or it could not listen (the reason is on <paramref name="error"/>).</summary>
    public static async Task<ServeEndpoint?> StartAsync(ServeOptions options, StorageClients clients, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Listen is null)
            return null;
        var clock = TimeProvider.System;
        void Log(string line)
        {
            lock (output)
                output.WriteLine($"{clock.GetUtcNow():HH:mm:ss} {line}");
        }

        ServeEndpoint endpoint;
        try
        {
            endpoint = await ServeEndpoint.StartAsync(options.Listen, options.Security, clients, clock, Log, cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            // Kestrel reports "address in use" as IOException, a foreign IP or a privileged port as SocketException.
            await error.WriteLineAsync($"error: cannot listen on {options.Listen} ({e.Message}); pass --listen http://127.0.0.1:OTHER-PORT or --listen none.");
            return null;
        }

        await output.WriteLineAsync($"loadops serve: listening on {endpoint.Url} (GitHub webhook: POST {endpoint.Url}{WebhookReceiver.Route}; run API: {endpoint.Url}{RunApi.RunsPath})");
        if (string.IsNullOrEmpty(options.Security.WebhookSecret))
            await output.WriteLineAsync($"loadops serve: the webhook refuses every delivery until {ServeSecurity.WebhookSecretVariable} is set.");
        if (options.Security.GitHub is not { } github || (!github.UsesApp && string.IsNullOrWhiteSpace(github.Token)))
            await output.WriteLineAsync("loadops serve: /loadtest commands and the approval label are answered 503 until LoadOps__GitHub__Token (or __AppId, __InstallationId, __PrivateKeyPem) is set.");
        if (options.Security.Api.Tokens.Count == 0)
            await output.WriteLineAsync("loadops serve: the run API refuses every call until LoadOps__Api__Tokens__0__Sha256 is set (the SHA-256 hex of a token).");
        return endpoint;
    }
}
