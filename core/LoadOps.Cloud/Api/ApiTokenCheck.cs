using System.Security.Cryptography;
using System.Text;

namespace LoadOps.Cloud.Api;

/// <summary>
/// Checks the bearer token of an API call against the configured SHA-256 hashes. The presented token is hashed and
/// compared with every configured hash in constant time (no early exit), so neither the comparison nor the number of
/// tokens tried tells an attacker how close a guess was. A refusal never repeats what was sent.
/// </summary>
public sealed class ApiTokenCheck
{
    public const string Scheme = "Bearer";

    /// <summary>What the run API says when it has no token at all.</summary>
    public const string NotConfigured =
        "The LoadOps API has no tokens configured: set LoadOps:Api:Tokens (app setting LoadOps__Api__Tokens__0__Sha256) " +
        "to the SHA-256 hex of a token, e.g. printf %s \"$TOKEN\" | sha256sum; see docs/api.md.";

    private readonly (byte[] Hash, string? Repository)[] _tokens;

    /// <summary>The configured public base URL of the API (<see cref="ApiOptions.PublicUrl"/>), or null: links are relative.</summary>
    public string? PublicUrl { get; }

    public ApiTokenCheck(ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options);
        if (problems.Count > 0)
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        PublicUrl = string.IsNullOrWhiteSpace(options.PublicUrl) ? null : options.PublicUrl.Trim().TrimEnd('/');
        _tokens = options.Tokens
            .Select(t => (Convert.FromHexString(t.Sha256!.Trim()), string.IsNullOrWhiteSpace(t.Repository) ? null : t.Repository.Trim()))
            .ToArray();
    }

    /// <summary>What is wrong with the configured tokens (for a check at start); the hashes themselves are not quoted.</summary>
    public static IReadOnlyList<string> Problems(ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        for (var i = 0; i < options.Tokens.Count; i++)
        {
            var hash = options.Tokens[i].Sha256?.Trim() ?? "";
            if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
                problems.Add($"LoadOps:Api:Tokens:{i}:Sha256 must be 64 hex digits (the SHA-256 of the token, not the token).");
        }
        return problems;
    }

    /// <summary>
    /// True with the caller when <paramref name="authorization"/> is <c>Bearer TOKEN</c> for a configured token;
    /// otherwise false with a 401 answer that says what to do.
    /// </summary>
    public bool TryAuthorize(string? authorization, out ApiCaller caller, out ApiResponse refusal)
    {
        caller = new ApiCaller(null);
        refusal = Refuse("");
        if (_tokens.Length == 0)
        {
            refusal = Refuse(NotConfigured) with { LogNote = "API call refused: no API tokens are configured (LoadOps:Api:Tokens)" };
            return false;
        }
        var value = authorization?.Trim() ?? "";
        if (!value.StartsWith(Scheme + " ", StringComparison.OrdinalIgnoreCase) || value.Length <= Scheme.Length + 1)
        {
            refusal = Refuse("Send the API token as 'Authorization: Bearer TOKEN'.");
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(value[(Scheme.Length + 1)..].Trim()));
        var matched = -1;
        for (var i = 0; i < _tokens.Length; i++)
        {
            // Every hash is compared, match or not, so the time taken does not depend on which one matched.
            var equal = CryptographicOperations.FixedTimeEquals(presented, _tokens[i].Hash);
            matched = equal && matched < 0 ? i : matched;
        }
        if (matched < 0)
        {
            refusal = Refuse("The API token is not valid here (not one of LoadOps:Api:Tokens).") with { LogNote = "API call refused: unknown token" };
            return false;
        }
        caller = new ApiCaller(_tokens[matched].Repository);
        return true;
    }

    private static ApiResponse Refuse(string message) =>
        ApiResponse.Error(401, message) with { Headers = new Dictionary<string, string> { ["WWW-Authenticate"] = $"{Scheme} realm=\"loadops\"" } };
}
