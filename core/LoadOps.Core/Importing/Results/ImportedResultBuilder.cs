using HdrHistogram;
using LoadOps.Core.Results;

namespace LoadOps.Core.Importing.Results;

/// <summary>
/// Builds a result file (version 1) from another tool's measurements: each request is recorded into the HdrHistogram of
/// its step and interval (<see cref="HistogramCodec"/>, microseconds), so percentiles, merge and compare work exactly as
/// on a LoadOps run. Sources that only report percentiles are added with <see cref="AddSpread"/> and the result is
/// marked approximate.
/// </summary>
public sealed class ImportedResultBuilder
{
    private readonly Dictionary<(string Scenario, string Step), SortedDictionary<long, Bucket>> _steps = [];
    private readonly TimeSpan _interval;
    private DateTimeOffset _start = DateTimeOffset.MaxValue;
    private DateTimeOffset _end = DateTimeOffset.MinValue;

    public ImportedResultBuilder(TimeSpan? interval = null) => _interval = interval ?? TimeSpan.FromSeconds(5);

    /// <summary>Requests recorded so far.</summary>
    public long Count { get; private set; }

    public void Add(in ImportedSample sample)
    {
        var bucket = BucketFor(sample.Scenario, sample.Step, sample.Start, sample.Start.AddTicks(Math.Max(0, sample.LatencyMicros) * 10));
        bucket.Histogram.RecordValue(Math.Clamp(sample.LatencyMicros, 0, HistogramCodec.HighestTrackable));
        bucket.Count(sample.Outcome, 1);
        bucket.BytesSent += sample.BytesSent;
        bucket.BytesReceived += sample.BytesReceived;
        Count++;
    }

    /// <summary>
    /// Adds <paramref name="ok"/> + <paramref name="failed"/> requests (failures of unknown kind: counted as other)
    /// known only by percentiles: each quantile band
    /// (<c>(q[i-1], q[i]]</c>) gets its share of the requests at the band's upper value, so the histogram's percentiles
    /// at those quantiles are the source's own figures (rounded to the band) and never lower.
    /// </summary>
    public void AddSpread(string scenario, string step, DateTimeOffset at, long ok, long failed, IReadOnlyList<(double Quantile, long Micros)> percentiles)
    {
        ArgumentNullException.ThrowIfNull(percentiles);
        var total = ok + failed;
        if (total <= 0 || percentiles.Count == 0)
            return;
        var bucket = BucketFor(scenario, step, at, at);
        long recorded = 0;
        foreach (var (quantile, micros) in percentiles.OrderBy(p => p.Quantile))
        {
            var upTo = quantile >= 1 ? total : (long)Math.Round(total * quantile);
            var count = Math.Max(0, upTo - recorded);
            if (count > 0)
                bucket.Histogram.RecordValueWithCount(Math.Clamp(micros, 0, HistogramCodec.HighestTrackable), count);
            recorded += count;
        }
        if (recorded < total)
            bucket.Histogram.RecordValueWithCount(Math.Clamp(percentiles.Max(p => p.Micros), 0, HistogramCodec.HighestTrackable), total - recorded);
        bucket.Count(SampleOutcome.Ok, ok);
        bucket.Count(SampleOutcome.Other, failed);
        Count += total;
    }

    /// <summary>The result file; <paramref name="approximation"/> says how latencies were rebuilt when they were not measured samples.</summary>
    public ResultFile Build(ImportSettings settings, string? approximation = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var steps = _steps
            .OrderBy(s => s.Key.Scenario, StringComparer.Ordinal).ThenBy(s => s.Key.Step, StringComparer.Ordinal)
            .Select(s => new StepResult(s.Key.Scenario, s.Key.Step, [.. s.Value.Select(b => b.Value.ToStats(new DateTimeOffset(b.Key, TimeSpan.Zero)))]))
            .ToList();
        var start = Count == 0 ? DateTimeOffset.UnixEpoch : _start;
        return new ResultFile
        {
            RunId = settings.RunId,
            ShardId = settings.SourceId,
            Definition = settings.Name,
            DefinitionHash = settings.DefinitionHash,
            Location = $"import/{settings.Tool}",
            Start = start,
            End = Count == 0 ? start : _end,
            Interval = _interval,
            Steps = steps,
            Approximation = approximation,
        };
    }

    private Bucket BucketFor(string scenario, string step, DateTimeOffset start, DateTimeOffset end)
    {
        // A sample without a label still counts; reports need a name to show it under.
        scenario = scenario.Length == 0 ? "(unnamed)" : scenario;
        step = step.Length == 0 ? "(unnamed)" : step;
        if (!_steps.TryGetValue((scenario, step), out var intervals))
            _steps[(scenario, step)] = intervals = [];
        var utc = start.UtcTicks;
        var key = utc - (utc % _interval.Ticks);
        if (!intervals.TryGetValue(key, out var bucket))
            intervals[key] = bucket = new Bucket();
        _start = start < _start ? start : _start;
        _end = end > _end ? end : _end;
        return bucket;
    }

    private sealed class Bucket
    {
        private readonly long[] _counts = new long[Enum.GetValues<SampleOutcome>().Length];

        public LongHistogram Histogram { get; } = HistogramCodec.Create();
        public long BytesSent { get; set; }
        public long BytesReceived { get; set; }

        public void Count(SampleOutcome outcome, long count) => _counts[(int)outcome] += count;

        public IntervalStats ToStats(DateTimeOffset start) => new()
        {
            Start = start,
            Ok = _counts[(int)SampleOutcome.Ok],
            Failed = new FailureCounts(_counts[(int)SampleOutcome.Status], _counts[(int)SampleOutcome.Timeout],
                _counts[(int)SampleOutcome.Connect], _counts[(int)SampleOutcome.Check], _counts[(int)SampleOutcome.Other]),
            BytesSent = BytesSent,
            BytesReceived = BytesReceived,
            Histogram = Histogram.TotalCount == 0 ? HistogramCodec.Empty : HistogramCodec.Encode(Histogram),
        };
    }
}
