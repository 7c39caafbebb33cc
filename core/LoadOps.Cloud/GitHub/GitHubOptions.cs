namespace LoadOps.Cloud.GitHub;

/// <summary>
/// How LoadOps reaches GitHub: as a GitHub App installation (<see cref="AppId"/>, <see cref="InstallationId"/>,
/// <see cref="PrivateKeyPem"/>) or with a personal access <see cref="Token"/>. The key and token are secrets:
/// <see cref="ToString"/> never shows them.
/// </summary>
public sealed class GitHubOptions
{
    public const string SectionName = "LoadOps:GitHub";

    /// <summary>https://api.github.com/ by default; GitHub Enterprise: https://HOST/api/v3/; a stub in tests.</summary>
    public Uri BaseAddress { get; init; } = new("https://api.github.com/");

    public string? AppId { get; init; }
    public long InstallationId { get; init; }
    public string? PrivateKeyPem { get; init; }

    /// <summary>The same key under the name the Bicep template's app setting uses (<c>LoadOps__GitHub__PrivateKey</c>).</summary>
    public string? PrivateKey
    {
        get => PrivateKeyPem;
        init => PrivateKeyPem ??= value;
    }
    public string? Token { get; init; }

    public bool UsesApp => !string.IsNullOrWhiteSpace(AppId);

    public override string ToString() =>
        UsesApp ? $"GitHub {BaseAddress} as app {AppId}, installation {InstallationId}" : $"GitHub {BaseAddress} with a token";
}
