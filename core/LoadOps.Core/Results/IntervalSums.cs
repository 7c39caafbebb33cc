using LoadOps.Core.Definitions;
using System.Runtime.InteropServices;

namespace LoadOps.Core.Results;

/// <summary>
/// The running sums of a merge, per (scenario, step, location) and interval start, fed in batches. Each input's
/// histograms are decoded first (so a damaged one is refused before anything is added); decoded inputs wait in a
/// batch of <see cref="BatchSize"/>, and a full batch is added on another thread, one sum at a time with all of the
/// batch's contributions to it together (a sum's slots are then read from memory once per batch, not once per input),
/// while the caller reads and decodes the next inputs. Integer additions commute, so the sums are exactly those of
/// adding the inputs one by one; memory is the sums plus two batches, whatever the number of inputs.
/// </summary>
internal sealed class IntervalSums(int batchSize = IntervalSums.BatchSize)
{
    public const int BatchSize = 32;

    private readonly Dictionary<(string Scenario, string Step, string? Location), SortedDictionary<long, IntervalAccumulator>> _steps = [];
    private readonly StagedInput[][] _batches = [NewBatch(batchSize), NewBatch(batchSize)];
    private readonly List<Work> _work = [];
    private int _batch;
    private int _filled;
    private int _nextId;
    private Task _pending = Task.CompletedTask;

    /// <summary>The staging slot the next input is read into; it counts only once <see cref="Commit"/> is called.</summary>
    public StagedInput Next => _batches[_batch][_filled];

    /// <summary>Decodes and queues one input; returns the reason it was refused, nothing of it kept.</summary>
    public MergeProblem? Add(ResultFile input, string source)
    {
        if (Stage(input, source, Next) is { } damaged)
            return damaged;
        Commit();
        return null;
    }

    /// <summary>Queues the input staged in <see cref="Next"/>; a full batch is handed to the other thread.</summary>
    public void Commit()
    {
        if (++_filled == batchSize)
        {
            // One batch in flight at most: the other one is free to fill once the previous addition is done.
            _pending.GetAwaiter().GetResult();
            var full = _batches[_batch];
            _pending = Task.Run(() => Apply(full, batchSize));
            _batch = 1 - _batch;
            _filled = 0;
        }
    }

    /// <summary>Null when every staged interval starts on a multiple of <paramref name="interval"/> since the Unix epoch.</summary>
    public static MergeProblem? CheckAlignment(StagedInput staged, TimeSpan interval, string source)
    {
        foreach (var item in staged.Intervals)
        {
            if ((item.Start - DateTimeOffset.UnixEpoch.UtcTicks) % interval.Ticks != 0)
                return new(source, $"step '{item.Key.Step}': interval starting {new DateTimeOffset(item.Start, TimeSpan.Zero):O} is not aligned to a multiple of {DurationText.Format(interval)} since the Unix epoch; intervals of different shards could not line up.");
        }
        return null;
    }

    /// <summary>Adds whatever is queued and returns the sums (keep adding afterwards if needed).</summary>
    public Dictionary<(string Scenario, string Step, string? Location), SortedDictionary<long, IntervalAccumulator>> Complete()
    {
        _pending.GetAwaiter().GetResult();
        Apply(_batches[_batch], _filled);
        _filled = 0;
        return _steps;
    }

    private void Apply(StagedInput[] batch, int count)
    {
        _work.Clear();
        for (var i = 0; i < count; i++)
        {
            SortedDictionary<long, IntervalAccumulator>? intervals = null;
            (string, string, string?) current = default;
            foreach (var (key, start, stats, from, to) in batch[i].Intervals)
            {
                if (intervals is null || key != current)
                {
                    if (!_steps.TryGetValue(key, out intervals))
                        _steps[key] = intervals = [];
                    current = key;
                }
                if (!intervals.TryGetValue(start, out var sum))
                    intervals[start] = sum = new IntervalAccumulator { Id = _nextId++ };
                _work.Add(new Work(sum, stats, batch[i].Counts, from, to));
            }
        }
        var work = CollectionsMarshal.AsSpan(_work);
        work.Sort(static (a, b) => a.Sum.Id.CompareTo(b.Sum.Id));
        foreach (var item in work)
            item.Sum.Add(item.Counts, item.Bytes.Span[item.From..item.To]);
        _work.Clear();
    }

    private static MergeProblem? Stage(ResultFile input, string source, StagedInput staged)
    {
        staged.Clear();
        var perLocation = input.Steps.Any(s => s.Location is not null);
        foreach (var step in input.Steps.Where(s => (s.Location is not null) == perLocation))
        {
            var location = step.Location ?? input.Location;
            foreach (var interval in step.Intervals)
            {
                var sinceEpoch = interval.Start.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
                if (sinceEpoch % input.Interval.Ticks != 0)
                    return new(source, $"step '{step.Step}': interval starting {interval.Start:O} is not aligned to a multiple of {DurationText.Format(input.Interval)} since the Unix epoch; intervals of different shards could not line up.");
                int from;
                try
                {
                    from = CompressedHistogramReader.Stage(interval.Histogram, staged.Counts);
                }
                catch (FormatException e)
                {
                    return new(source, $"step '{step.Step}', interval {interval.Start:O}: {e.Message}");
                }
                staged.Intervals.Add(new((step.Scenario, step.Step, location), interval.Start.UtcTicks, IntervalCounts.Of(interval), from, staged.Counts.Count));
            }
        }
        return null;
    }

    private static StagedInput[] NewBatch(int size) => [.. Enumerable.Range(0, size).Select(_ => new StagedInput())];

    private readonly record struct Work(IntervalAccumulator Sum, IntervalCounts Counts, ByteList Bytes, int From, int To);
}
