using LoadOps.Cloud.Api;
using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoadOps.Cli.Serve;

/// <summary>Checks <c>--listen</c>, and once the endpoint listens says where and what it still needs.</summary>
internal static class ServeListen
{
    /// <summary>What is wrong with <c>--listen</c>, or null. (The endpoint's secrets are checked with the other settings at start.)</summary>
    public static string? Problem(ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Listen is null)
            return null;
        return !Uri.TryCreate(options.Listen, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttp || url.AbsolutePath != "/" || url.IsDefaultPort
            ? $"--listen must be http://HOST:PORT (e.g. {ServeOptions.DefaultListen}) or 'none', not '{options.Listen}'."
            : null;
    }

    /// <summary>The line for a start that failed because the address could not be taken, or null for any other failure.</summary>
    public static string? CannotListen(ServeOptions options, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Kestrel reports "address in use" as IOException, a foreign IP or a privileged port as SocketException.
        return options.Listen is not null && failure is IOException or System.Net.Sockets.SocketException or InvalidOperationException
            ? $"error: cannot listen on {options.Listen} ({failure.Message}); pass --listen http://127.0.0.1:OTHER-PORT or --listen none."
            : null;
    }

    /// <summary>Where the started <paramref name="app"/> listens and which settings it still lacks.</summary>
    public static async Task DescribeAsync(ServeApp app, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Url is not { } url)
            return;
        await output.WriteLineAsync($"loadops serve: listening on {url} (GitHub webhook: POST {url}{WebhookReceiver.Route}; run API: {url}{RunApi.RunsPath})");
        if (string.IsNullOrEmpty(app.Services.GetRequiredService<IOptions<WebhookOptions>>().Value.WebhookSecret))
            await output.WriteLineAsync($"loadops serve: the webhook refuses every delivery until {ServeSettings.WebhookSecretVariable} is set.");
        var github = app.Services.GetRequiredService<IOptions<GitHubOptions>>().Value;
        if (!github.UsesApp && string.IsNullOrWhiteSpace(github.Token))
            await output.WriteLineAsync("loadops serve: /loadtest commands and the approval label are answered 503 until LoadOps__GitHub__Token (or __AppId, __InstallationId, __PrivateKeyPem) is set.");
        if (app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.Tokens.Count == 0)
            await output.WriteLineAsync("loadops serve: the run API refuses every call until LoadOps__Api__Tokens__0__Sha256 is set (the SHA-256 hex of a token).");
    }
}
