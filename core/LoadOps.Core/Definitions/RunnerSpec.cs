namespace LoadOps.Core.Definitions;

public enum RunnerKind
{
    Local,
    Azure,
    Aws,
    Pool,
}

/// <summary><see cref="Count"/> runners at <see cref="Location"/>: <c>local</c>, <c>azure/REGION</c>, <c>aws/REGION</c> or <c>pool/NAME</c>.</summary>
public sealed record RunnerSpec(string Location, int Count)
{
    public SourcePosition At { get; init; }

    public RunnerKind Kind => RunnerLocation.Parse(Location).Kind;
}

/// <summary>A parsed runner location.</summary>
public sealed record RunnerLocation(RunnerKind Kind, string? Name)
{
    /// <summary>Parses a location the validator has accepted; throws on anything else (a programmer error).</summary>
    public static RunnerLocation Parse(string location) =>
        TryParse(location, out var parsed)
            ? parsed
            : throw new ArgumentException($"'{location}' is not a runner location; validate definitions first.", nameof(location));

    public static bool TryParse(string? location, out RunnerLocation parsed)
    {
        parsed = new RunnerLocation(RunnerKind.Local, null);
        if (location == "local")
            return true;
        var slash = location?.IndexOf('/') ?? -1;
        if (location is null || slash <= 0 || slash == location.Length - 1)
            return false;
        var name = location[(slash + 1)..];
        if (!name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
            return false;
        RunnerKind? kind = location[..slash] switch
        {
            "azure" => RunnerKind.Azure,
            "aws" => RunnerKind.Aws,
            "pool" => RunnerKind.Pool,
            _ => null,
        };
        if (kind is null)
            return false;
        parsed = new RunnerLocation(kind.Value, name);
        return true;
    }

    public override string ToString() => Name is null ? "local" : $"{Kind.ToString().ToLowerInvariant()}/{Name}";
}
