using Octokit;
using Octokit.Internal;

namespace LoadOps.Cloud.GitHub;

/// <summary>
/// One authenticated Octokit connection (App installation token or PAT) over the GitHub pipeline of
/// <see cref="Http.OutboundHttp"/> (retries, rate limits, timeouts, circuit breaker) and LoadOps' headers.
/// Every call goes through <see cref="CallAsync{T}"/>, which turns Octokit's exceptions into <see cref="GitHubException"/>
/// carrying GitHub's own message.
/// </summary>
public sealed class GitHubApi : IDisposable
{
    private static readonly ProductHeaderValue Product = new("LoadOps", "0.1");
    private readonly List<IDisposable> _owned;
    private readonly string _description;

    private GitHubApi(IApiConnection connection, string description, List<IDisposable> owned)
    {
        Connection = connection;
        _description = description;
        _owned = owned;
    }

    internal IApiConnection Connection { get; }

    /// <param name="policy">The GitHub pipeline's policy (default: <see cref="Http.OutboundHttp.Policies"/>), also used to word what it gave up on.</param>
    /// <param name="handler">The pipeline as a handler (a host's <c>IHttpMessageHandlerFactory.CreateHandler(OutboundHttp.GitHub)</c>); default: built from <paramref name="policy"/>.</param>
    public static GitHubApi Create(GitHubOptions options, TimeProvider clock, Http.OutboundPolicy? policy = null, Func<HttpMessageHandler>? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var chosen = policy ?? Http.OutboundHttp.Policies[Http.OutboundHttp.GitHub];
        var adapter = new HttpClientAdapter(handler ?? (() => Http.OutboundHttp.CreateHandler(Http.OutboundHttp.GitHub, chosen, clock)));
        var http = new GitHubHttpClient(adapter, chosen, clock);
        List<IDisposable> owned = [http];
        ICredentialStore credentials;
        if (options.UsesApp)
        {
            if (string.IsNullOrWhiteSpace(options.PrivateKeyPem) || options.InstallationId <= 0)
                throw new InvalidOperationException($"{GitHubOptions.SectionName}: an AppId needs InstallationId and PrivateKeyPem too.");
            var key = GitHubAppJwt.ImportKey(options.PrivateKeyPem);
            owned.Add(key);
            var appConnection = Connect(options, new AppJwtCredentialStore(options.AppId!, key, clock), http, chosen);
            var tokens = new InstallationTokenStore(new ApiConnection(appConnection), options.InstallationId, clock);
            owned.Add(tokens);
            credentials = tokens;
        }
        else if (!string.IsNullOrWhiteSpace(options.Token))
        {
            credentials = new InMemoryCredentialStore(new Credentials(options.Token));
        }
        else
        {
            throw new InvalidOperationException($"{GitHubOptions.SectionName}: set AppId, InstallationId and PrivateKeyPem, or Token.");
        }
        return new GitHubApi(new ApiConnection(Connect(options, credentials, http, chosen)), options.ToString(), owned);
    }

    private static Connection Connect(GitHubOptions options, ICredentialStore credentials, IHttpClient http, Http.OutboundPolicy policy)
    {
        var connection = new Connection(Product, options.BaseAddress, credentials, http, new SimpleJsonSerializer());
        // The pipeline's timeouts bound the call; Octokit's own (100 s) would cut its retries short.
        connection.SetRequestTimeout(policy.TotalTimeout);
        return connection;
    }

    internal async Task<T> CallAsync<T>(string operation, Func<IApiConnection, Task<T>> call, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // Octokit's GET and PATCH take no token: stop waiting when the caller cancels.
            return await call(Connection).WaitAsync(cancellationToken);
        }
        catch (ApiException e)
        {
            throw Translate(operation, e);
        }
        catch (Exception e) when (e is not GitHubException and not OperationCanceledException)
        {
            throw Unreadable(operation, e);
        }
    }

    internal static GitHubException Translate(string operation, ApiException e)
    {
        var message = e.ApiError?.Message ?? e.Message;
        var details = e.ApiError?.Errors?.Select(x => x.Message ?? $"{x.Field} {x.Code}").Where(x => !string.IsNullOrWhiteSpace(x)).ToList();
        if (details is { Count: > 0 })
            message += $" ({string.Join("; ", details)})";
        return new GitHubException(operation, (int)e.StatusCode, message);
    }

    internal static GitHubException Unreadable(string operation, Exception e) =>
        new(operation, 0, $"GitHub's answer could not be read ({e.GetType().Name}); is the base address a GitHub REST API?");

    public override string ToString() => _description;

    public void Dispose()
    {
        foreach (var item in _owned)
            item.Dispose();
    }
}
