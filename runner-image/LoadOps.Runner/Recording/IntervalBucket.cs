using System.Runtime.InteropServices;
using HdrHistogram;
using LoadOps.Core.Results;
using LoadOps.Runner.Execution;

namespace LoadOps.Runner.Recording;

/// <summary>
/// What one stripe recorded for one interval: per-step counts and latency histograms plus the open model's
/// arrival figures. Only touched under its stripe's lock, or after the stripe has handed it over.
/// </summary>
internal sealed class IntervalBucket(int stepCount)
{
    private const int Kinds = 6;

    public long Index { get; set; }
    public LongHistogram?[] Histograms { get; } = new LongHistogram?[stepCount];
    public long[] Counts { get; } = new long[stepCount * Kinds];
    public long[] BytesSent { get; } = new long[stepCount];
    public long[] BytesReceived { get; } = new long[stepCount];
    public Dictionary<int, long>?[] StatusCodes { get; } = new Dictionary<int, long>?[stepCount];
    public Dictionary<string, long>?[] Errors { get; } = new Dictionary<string, long>?[stepCount];

    /// <summary>The first (unmasked) message of each error kind; masked when the interval is built.</summary>
    public Dictionary<string, string>?[] Samples { get; } = new Dictionary<string, string>?[stepCount];
    public long Iterations { get; set; }
    public long Scheduled { get; set; }
    public long Dropped { get; set; }
    public long MaxLagMicroseconds { get; set; }
    public LongHistogram? Lag { get; set; }

    public void Record(int step, long latencyMicroseconds, in StepOutcome outcome)
    {
        var histogram = Histograms[step] ??= HistogramCodec.Create();
        histogram.RecordValue(Math.Min(latencyMicroseconds, HistogramCodec.HighestTrackable));
        Counts[(step * Kinds) + (int)outcome.Kind]++;
        BytesSent[step] += outcome.Sent;
        BytesReceived[step] += outcome.Received;
        if (outcome.Status != 0)
            CollectionsMarshal.GetValueRefOrAddDefault(StatusCodes[step] ??= [], outcome.Status, out _)++;
        if (outcome.ErrorKind is { } kind)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(Errors[step] ??= new(StringComparer.Ordinal), kind, out _)++;
            (Samples[step] ??= new(StringComparer.Ordinal)).TryAdd(kind, outcome.Message ?? kind);
        }
    }

    public void RecordArrival(long lagMicroseconds, bool dropped)
    {
        Scheduled++;
        if (dropped)
        {
            // A dropped arrival was never sent: it has no send lag, and counting it as on time would hide the lag.
            Dropped++;
            return;
        }
        MaxLagMicroseconds = Math.Max(MaxLagMicroseconds, lagMicroseconds);
        Lag ??= new LongHistogram(HistogramCodec.LowestTrackable, HistogramCodec.HighestTrackable, 2);
        Lag.RecordValue(Math.Min(lagMicroseconds, HistogramCodec.HighestTrackable));
    }

    public long Count(int step, Outcome outcome) => Counts[(step * Kinds) + (int)outcome];

    /// <summary>Empties the bucket for reuse, keeping its histograms' memory.</summary>
    public void Reset()
    {
        foreach (var histogram in Histograms)
            histogram?.Reset();
        Array.Clear(Counts);
        Array.Clear(BytesSent);
        Array.Clear(BytesReceived);
        foreach (var codes in StatusCodes)
            codes?.Clear();
        foreach (var errors in Errors)
            errors?.Clear();
        foreach (var samples in Samples)
            samples?.Clear();
        Iterations = 0;
        Scheduled = 0;
        Dropped = 0;
        MaxLagMicroseconds = 0;
        Lag?.Reset();
    }
}
