namespace LoadOps.Core.Results;

/// <summary>
/// Running sums of status codes and error kinds: counts add; of the sample messages of one kind the ordinal-smallest
/// is kept, so the merged file is the same whatever order the inputs came in.
/// </summary>
internal sealed class OutcomeSums
{
    private readonly SortedDictionary<string, long> _statusCodes = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _samples = new(StringComparer.Ordinal);

    public bool IsEmpty => _statusCodes.Count == 0 && _errors.Count == 0 && _samples.Count == 0;

    public void Add(IReadOnlyDictionary<string, long>? statusCodes, IReadOnlyDictionary<string, long>? errors, IReadOnlyDictionary<string, string>? samples)
    {
        AddCounts(_statusCodes, statusCodes);
        AddCounts(_errors, errors);
        foreach (var (kind, message) in samples ?? EmptySamples)
        {
            if (!_samples.TryGetValue(kind, out var kept) || string.CompareOrdinal(message, kept) < 0)
                _samples[kind] = message;
        }
    }

    public void Add(IntervalDetail detail) => Add(detail.StatusCodes, detail.Errors, detail.ErrorSamples);

    public void Add(OutcomeSums other) => Add(other._statusCodes, other._errors, other._samples);

    public IReadOnlyDictionary<string, long>? StatusCodes => _statusCodes.Count == 0 ? null : new SortedDictionary<string, long>(_statusCodes, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, long>? Errors => _errors.Count == 0 ? null : new SortedDictionary<string, long>(_errors, StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string>? ErrorSamples => _samples.Count == 0 ? null : new SortedDictionary<string, string>(_samples, StringComparer.Ordinal);

    public OutcomeTotals ToTotals() => IsEmpty
        ? OutcomeTotals.None
        : new(StatusCodes ?? OutcomeTotals.None.StatusCodes, Errors ?? OutcomeTotals.None.Errors, ErrorSamples ?? OutcomeTotals.None.ErrorSamples);

    private static readonly Dictionary<string, string> EmptySamples = [];

    private static void AddCounts(SortedDictionary<string, long> into, IReadOnlyDictionary<string, long>? from)
    {
        if (from is null)
            return;
        foreach (var (key, count) in from)
            into[key] = into.GetValueOrDefault(key) + count;
    }
}
