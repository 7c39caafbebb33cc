namespace LoadOps.Cloud.Api;

/// <summary>
/// <c>LoadOps:Api</c>: who may call the run API. Each token is stored as the SHA-256 (hex) of its text, never the text,
/// optionally limited to one repository. Without any token every call is refused, saying what to set.
/// </summary>
public sealed class ApiOptions
{
    public const string SectionName = "LoadOps:Api";

    public IReadOnlyList<ApiTokenOptions> Tokens { get; init; } = [];

    /// <summary>The API's public base URL for the links in answers (e.g. https://loadops-func.azurewebsites.net); empty: taken from each request.</summary>
    public string? PublicUrl { get; init; }
}
