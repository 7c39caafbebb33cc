using System.Globalization;

namespace LoadOps.Runner.Recording;

/// <summary>
/// Status codes, error kinds and first messages of one step, summed over the buckets of an interval, in the sorted
/// form the result file keeps (so a shard's file does not depend on which stripe saw what first).
/// </summary>
internal sealed class StepOutcomes
{
    private readonly SortedDictionary<int, long> _statusCodes = [];
    private readonly SortedDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _samples = new(StringComparer.Ordinal);

    public void Add(IntervalBucket bucket, int step)
    {
        foreach (var (code, count) in bucket.StatusCodes[step] ?? [])
            _statusCodes[code] = _statusCodes.GetValueOrDefault(code) + count;
        foreach (var (kind, count) in bucket.Errors[step] ?? [])
            _errors[kind] = _errors.GetValueOrDefault(kind) + count;
        foreach (var (kind, message) in bucket.Samples[step] ?? [])
        {
            if (!_samples.TryGetValue(kind, out var kept) || string.CompareOrdinal(message, kept) < 0)
                _samples[kind] = message;
        }
    }

    public IReadOnlyDictionary<string, long>? StatusCodes() => _statusCodes.Count == 0
        ? null
        : new SortedDictionary<string, long>(_statusCodes.ToDictionary(c => c.Key.ToString(CultureInfo.InvariantCulture), c => c.Value), StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long>? Errors() => _errors.Count == 0 ? null : new SortedDictionary<string, long>(_errors, StringComparer.Ordinal);

    /// <summary>One message per kind, each masked by <paramref name="mask"/> (masking comes before any shortening).</summary>
    public IReadOnlyDictionary<string, string>? Samples(Func<string, string> mask) => _samples.Count == 0
        ? null
        : new SortedDictionary<string, string>(_samples.ToDictionary(s => s.Key, s => mask(s.Value)), StringComparer.Ordinal);
}
