using Azure.Core;

namespace LoadOps.Cloud.ServiceBus;

/// <summary>
/// How requests to Service Bus are authorised: a shared access key (a SAS token per entity, renewed well before it
/// expires) or an Entra identity (a bearer token for <see cref="Scope"/>, e.g. a managed identity with the
/// Azure Service Bus Data Sender/Receiver role). The key never leaves this object.
/// </summary>
public sealed class ServiceBusCredential
{
    public const string Scope = "https://servicebus.azure.net/.default";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(5);

    private readonly string? _keyName;
    private readonly string? _key;
    private readonly TokenCredential? _identity;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string Header, DateTimeOffset ExpiresOn)> _cache = new(StringComparer.Ordinal);

    private ServiceBusCredential(string? keyName, string? key, TokenCredential? identity, TimeProvider clock)
    {
        _keyName = keyName;
        _key = key;
        _identity = identity;
        _clock = clock;
    }

    public static ServiceBusCredential FromSharedAccessKey(string keyName, string key, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyName);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(clock);
        return new ServiceBusCredential(keyName, key, null, clock);
    }

    public static ServiceBusCredential FromTokenCredential(TokenCredential identity, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(clock);
        return new ServiceBusCredential(null, null, identity, clock);
    }

    /// <summary>The value of the <c>Authorization</c> header for a request to <paramref name="entity"/>.</summary>
    public async ValueTask<string> AuthorizationAsync(Uri entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (_identity is not null)
        {
            // The Azure.Identity credentials cache and refresh their tokens themselves.
            var token = await _identity.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken);
            return "Bearer " + token.Token;
        }

        var resource = ServiceBusSasToken.ResourceOf(entity);
        var now = _clock.GetUtcNow();
        lock (_lock)
        {
            if (_cache.TryGetValue(resource, out var cached) && cached.ExpiresOn - RenewBefore > now)
                return cached.Header;
            var expiresOn = now + TokenLifetime;
            var header = ServiceBusSasToken.Create(entity, _keyName!, _key!, expiresOn);
            _cache[resource] = (header, expiresOn);
            return header;
        }
    }

    public override string ToString() => _identity is null ? $"Service Bus key '{_keyName}'" : "Service Bus Entra identity";
}
