using Azure.Core;

namespace LoadOps.Cloud.Tests.Aci;

/// <summary>A token credential that hands out one fixed token and remembers the scopes it was asked for.</summary>
internal sealed class FixedTokenCredential(string token = "test-arm-token") : TokenCredential
{
    public List<string> Scopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (Scopes)
            Scopes.AddRange(requestContext.Scopes);
        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
