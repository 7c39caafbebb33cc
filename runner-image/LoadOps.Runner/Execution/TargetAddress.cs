namespace LoadOps.Runner.Execution;

/// <summary>The definition's base URL; every request goes to it with the step's path appended, and nowhere else.</summary>
internal sealed class TargetAddress
{
    private readonly string _prefix;

    private TargetAddress(Uri baseUri)
    {
        BaseUri = baseUri;
        _prefix = baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    public Uri BaseUri { get; }

    public static TargetAddress? TryCreate(string baseUrl, List<string> errors)
    {
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"target.baseUrl '{baseUrl}' is not an absolute http:// or https:// URL");
            return null;
        }
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add($"target.baseUrl '{baseUrl}' must not carry a query, fragment or user info; put them in the steps");
            return null;
        }
        return new TargetAddress(uri);
    }

    /// <summary>The URL for <paramref name="path"/>, or null when the result would leave the base URL.</summary>
    public Uri? Resolve(string path)
    {
        if (path.Length == 0 || path[0] != '/' || path.StartsWith("//", StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal))
            return null;
        if (!Uri.TryCreate(_prefix + path, UriKind.Absolute, out var uri))
            return null;
        var sameOrigin = uri.Scheme == BaseUri.Scheme && uri.IdnHost == BaseUri.IdnHost && uri.Port == BaseUri.Port &&
                         string.IsNullOrEmpty(uri.UserInfo);
        return sameOrigin && uri.AbsolutePath.StartsWith(BaseUri.AbsolutePath.TrimEnd('/'), StringComparison.Ordinal) ? uri : null;
    }
}
