using System.Globalization;
using HdrHistogram;
using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;
using LoadOps.Core.Results;
using LoadOps.Runner.Telemetry;

namespace LoadOps.Runner.Recording;

/// <summary>Turns harvested buckets into the shard's result: intervals per step, health per interval, trust issues.</summary>
internal sealed class ResultBuilder
{
    private readonly ShardSpec _spec;
    private readonly IReadOnlyList<(string Scenario, string Step)> _steps;
    private readonly List<IntervalStats>[] _intervals;
    private readonly List<HealthSample> _health = [];
    private readonly LongHistogram _merged = HistogramCodec.Create();
    private readonly LongHistogram _lag = new(1, HistogramCodec.HighestTrackable, 2);
    private readonly LongHistogram _all = HistogramCodec.Create();
    private long _ok;
    private long _failed;
    private readonly List<TrustIssue> _notes = [];
    private long _nextIndex;

    private readonly Func<string, string> _mask;

    /// <param name="mask">Masks (then shortens) a failure message before it is kept in the result.</param>
    public ResultBuilder(ShardSpec spec, IReadOnlyList<(string Scenario, string Step)> steps, DateTimeOffset start, long firstIndex, Func<string, string> mask)
    {
        _mask = mask;
        _spec = spec;
        _steps = steps;
        _intervals = steps.Select(_ => new List<IntervalStats>()).ToArray();
        Start = start;
        _nextIndex = firstIndex;
    }

    public DateTimeOffset Start { get; }

    /// <summary>Adds a trust issue found outside the figures (e.g. a late start).</summary>
    public void Note(TrustIssue issue) => _notes.Add(issue);

    /// <summary>Adds intervals up to <paramref name="throughIndex"/> from the buckets harvested for them.</summary>
    public void Add(IntervalClock clock, List<IntervalBucket> buckets, long throughIndex, RunnerHealth health)
    {
        for (var index = _nextIndex; index <= throughIndex; index++)
        {
            var start = clock.StartOf(index);
            var mine = buckets.Where(b => b.Index == index).ToList();
            for (var step = 0; step < _steps.Count; step++)
            {
                _intervals[step].Add(StepInterval(start, step, mine));
                Metrics?.Record(_steps[step].Scenario, _steps[step].Step, _intervals[step][^1], _merged);
            }

            var maxLag = mine.Count == 0 ? 0 : mine.Max(b => b.MaxLagMicroseconds);
            foreach (var bucket in mine)
            {
                if (bucket.Lag is not null)
                    _lag.Add(bucket.Lag);
            }
            Metrics?.RecordDropped(mine.Sum(b => b.Dropped));
            _health.Add(new HealthSample
            {
                Start = start,
                Cpu = health.Cpu,
                GcPauseMs = health.GcPauseMs,
                Dropped = mine.Sum(b => b.Dropped),
                Scheduled = mine.Sum(b => b.Scheduled),
                Iterations = mine.Sum(b => b.Iterations),
                MaxScheduleLagMs = maxLag / 1000.0,
                MaxPoolQueue = health.MaxPoolQueue,
                InFlight = health.InFlight,
                ShardId = _spec.ShardId,
            });
        }
        _nextIndex = Math.Max(_nextIndex, throughIndex + 1);
    }

    /// <summary>One line on the whole shard so far: requests, rate, latency percentiles.</summary>
    public string Summary(DateTimeOffset end)
    {
        var seconds = Math.Max(0.001, (end - Start).TotalSeconds);
        string Ms(double percentile) => DurationText.FormatMicroseconds(_all.TotalCount == 0 ? 0 : _all.GetValueAtPercentile(percentile));
        string Lag(double percentile) => DurationText.FormatMicroseconds(_lag.GetValueAtPercentile(percentile));
        var lag = _lag.TotalCount == 0 ? "" : $"; schedule lag p50 {Lag(50)}, p99 {Lag(99)}, max {Lag(100)}";
        return string.Create(CultureInfo.InvariantCulture,
            $"summary: {_ok + _failed} requests in {seconds:0.0} s ({(_ok + _failed) / seconds:0.0}/s), {_failed} failed; latency p50 {Ms(50)}, p90 {Ms(90)}, p99 {Ms(99)}, max {Ms(100)}{lag}");
    }

    public ResultFile Build(DateTimeOffset end, ResultStatus status) => ShardResultFile.Header(_spec, Start, end, status) with
    {
        TrustIssues = [.. _notes, .. TrustRules.Evaluate(_health, _lag, _spec.ShardId)],
        Steps = _steps.Select((s, i) => new StepResult(s.Scenario, s.Step, _intervals[i].ToList()) { Location = _spec.Location }).ToList(),
        Health = _health.ToList(),
        Settings = Settings is { IsPlain: false } settings ? settings : null,
    };

    /// <summary>How the run was made (insecure TLS, HTTP version, launch overrides), kept in the result when out of the ordinary.</summary>
    public RunSettings? Settings { get; init; }

    /// <summary>Where each closed interval's figures are also exported (OTLP); null when no endpoint is set.</summary>
    public ShardMetrics? Metrics { get; init; }

    private IntervalStats StepInterval(DateTimeOffset start, int step, List<IntervalBucket> buckets)
    {
        _merged.Reset();
        var outcomes = new StepOutcomes();
        long ok = 0, sent = 0, received = 0;
        long status = 0, timeout = 0, connect = 0, check = 0, other = 0;
        foreach (var bucket in buckets)
        {
            if (bucket.Histograms[step] is { } histogram)
                _merged.Add(histogram);
            ok += bucket.Count(step, Outcome.Ok);
            status += bucket.Count(step, Outcome.Status);
            timeout += bucket.Count(step, Outcome.Timeout);
            connect += bucket.Count(step, Outcome.Connect);
            check += bucket.Count(step, Outcome.Check);
            other += bucket.Count(step, Outcome.Other);
            outcomes.Add(bucket, step);
            sent += bucket.BytesSent[step];
            received += bucket.BytesReceived[step];
        }
        _all.Add(_merged);
        _ok += ok;
        _failed += status + timeout + connect + check + other;
        return new IntervalStats
        {
            Start = start,
            Ok = ok,
            Failed = new FailureCounts(status, timeout, connect, check, other),
            BytesSent = sent,
            BytesReceived = received,
            Histogram = _merged.TotalCount == 0 ? HistogramCodec.Empty : HistogramCodec.Encode(_merged),
            StatusCodes = outcomes.StatusCodes(),
            Errors = outcomes.Errors(),
            ErrorSamples = outcomes.Samples(_mask),
        };
    }
}

/// <summary>The runner's own figures for one interval, read when the interval closes.</summary>
internal readonly record struct RunnerHealth(double Cpu, double GcPauseMs, long MaxPoolQueue, long InFlight);
