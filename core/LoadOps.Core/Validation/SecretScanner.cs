using System.Text.RegularExpressions;
using LoadOps.Core.Parsing;

namespace LoadOps.Core.Validation;

/// <summary>
/// Finds literal credentials where a <c>${{ secrets.NAME }}</c> reference belongs. Template expressions are blanked
/// out first, so <c>Bearer ${{ secrets.TOKEN }}</c> and <c>password={{ pwd }}</c> pass. Messages never repeat the value.
/// </summary>
internal static partial class SecretScanner
{
    [GeneratedRegex(@"\$?\{\{.*?\}\}")]
    private static partial Regex Expression();

    [GeneratedRegex(@"\b(?:Bearer|Basic|Token)\s+(?<v>[A-Za-z0-9\-._~+/]{8,}=*)", RegexOptions.IgnoreCase)]
    private static partial Regex SchemeCredential();

    [GeneratedRegex(@"\b(?:Bearer|Basic|Token)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SchemeWord();

    [GeneratedRegex(@"(?<v>eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,})")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?<v>\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16}|sk_live_[A-Za-z0-9]{10,}))")]
    private static partial Regex KnownTokenPrefix();

    [GeneratedRegex(@"(?:^|[?&;\s""'{,])(?<v>(?:api[_-]?key|access[_-]?token|auth[_-]?token|token|secret|client[_-]?secret|password|passwd|pwd|sig|signature)=[^&\s""'#]{3,})", RegexOptions.IgnoreCase)]
    private static partial Regex QueryCredential();

    [GeneratedRegex(@"(?<v>[A-Za-z0-9_\-+/=.]{32,})")]
    private static partial Regex LongToken();

    private static readonly string[] SensitiveHeaders =
        ["authorization", "proxy-authorization", "x-api-key", "api-key", "apikey", "x-auth-token", "x-access-token", "cookie"];

    private static readonly string[] SensitiveKeys =
        ["password", "passwd", "pwd", "secret", "clientsecret", "token", "accesstoken", "refreshtoken", "apikey"];

    public static bool Scan(ErrorCollector errors, SourceScalar node, string text, int offset, string path, SecretContext context)
    {
        var masked = Expression().Replace(text, m => new string(' ', m.Length));
        var found = Find(masked, context);
        if (found is null)
            return true;
        errors.Error(node.PositionOf(offset + found.Value.Offset), ValidationCodes.LiteralSecret,
            $"{path}: this looks like a literal {found.Value.What}; store it as a repository secret and write ${{{{ secrets.NAME }}}} instead (the value is not shown)");
        return false;
    }

    private static (int Offset, string What)? Find(string masked, SecretContext context)
    {
        if (Match(KnownTokenPrefix(), masked) is { } known) return (known, "access token");
        if (Match(Jwt(), masked) is { } jwt) return (jwt, "JSON web token");
        if (Match(QueryCredential(), masked) is { } query) return (query, "credential in a query or form parameter");
        if (context.Place is SecretPlace.Header or SecretPlace.JsonValue && Match(SchemeCredential(), masked) is { } scheme)
            return (scheme, "credential after an authorization scheme");
        if (context.Place == SecretPlace.Header && Match(LongToken(), masked) is { } token && HasLettersAndDigits(masked, token))
            return (token, "token");
        var isSensitiveName = context.Name is { } name &&
            (context.Place == SecretPlace.Header
                ? SensitiveHeaders.Contains(name.ToLowerInvariant())
                : SensitiveKeys.Contains(name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()));
        if (isSensitiveName)
        {
            var literal = SchemeWord().Replace(masked, m => new string(' ', m.Length));
            var first = literal.AsSpan().IndexOfAnyExcept(' ');
            if (first >= 0)
                return (first, $"'{context.Name}' value");
        }
        return null;
    }

    private static int? Match(Regex regex, string text)
    {
        var match = regex.Match(text);
        return match.Success ? match.Groups["v"].Index : null;
    }

    private static bool HasLettersAndDigits(string text, int start)
    {
        var end = start;
        while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
        var token = text[start..end];
        return token.Any(char.IsAsciiDigit) && token.Any(char.IsAsciiLetter);
    }
}
