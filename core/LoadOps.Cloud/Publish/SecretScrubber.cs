namespace LoadOps.Cloud.Publish;

/// <summary>
/// Masks the values of the <c>LOADOPS_SECRET_*</c> settings in text about to leave LoadOps (comments, check runs,
/// statuses, Slack). Secrets are resolved on the runners only, so this is the second line of defence: whatever path
/// a value takes into a report (an echoed header, an error body), it is not posted. Values shorter than
/// <see cref="MinLength"/> characters are not masked (they would mangle ordinary words); keep secrets longer.
/// </summary>
public sealed class SecretScrubber
{
    public const string Prefix = "LOADOPS_SECRET_";
    public const int MinLength = 4;
    public const string Mask = "***";

    private readonly IReadOnlyList<string> _values;

    public SecretScrubber(IEnumerable<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = [.. values.Where(v => v is { Length: >= MinLength }).Select(v => v!).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length)];
    }

    public static SecretScrubber None { get; } = new([]);

    public int Count => _values.Count;

    public string Scrub(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var value in _values)
            text = text.Replace(value, Mask, StringComparison.Ordinal);
        return text;
    }
}
