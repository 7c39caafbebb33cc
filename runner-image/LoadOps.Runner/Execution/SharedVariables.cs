namespace LoadOps.Runner.Execution;

/// <summary>
/// The variables setup extracted, shared read-only by every virtual user of the shard. Published once, before any
/// virtual user starts; a user's own extraction of the same name takes precedence for that user.
/// </summary>
internal sealed class SharedVariables
{
    private volatile IReadOnlyDictionary<string, string> _values = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Values => _values;

    public void Publish(IReadOnlyDictionary<string, string> values) =>
        _values = new Dictionary<string, string>(values, StringComparer.Ordinal);
}
