namespace LoadOps.Cloud.GitHub;

/// <summary>owner/name of a repository; <see cref="Path"/> is the REST prefix <c>repos/{owner}/{name}</c>.</summary>
public sealed record RepositoryRef(string Owner, string Name)
{
    public string Path => $"repos/{System.Uri.EscapeDataString(Owner)}/{System.Uri.EscapeDataString(Name)}";

    public static RepositoryRef Parse(string fullName)
    {
        var parts = fullName.Split('/');
        if (parts.Length != 2 || parts.Any(string.IsNullOrWhiteSpace))
            throw new ArgumentException($"'{fullName}' is not owner/name.", nameof(fullName));
        return new RepositoryRef(parts[0], parts[1]);
    }

    public override string ToString() => $"{Owner}/{Name}";

    internal System.Uri Uri(string rest) => new($"{Path}/{rest}", UriKind.Relative);
}
