using System.Collections.Concurrent;
using LoadOps.Core.Definitions;
using System.Runtime.InteropServices;

namespace LoadOps.Core.Results;

/// <summary>
/// The running sums of a merge, per (scenario, step, location) and interval start, fed in batches. Each input's
/// histograms are decoded first (so a damaged one is refused before anything is added); decoded inputs wait in a
/// batch of <see cref="BatchSize"/>, and a full batch is added on other threads while the caller reads and decodes the
/// next inputs. A batch's contributions are grouped by sum (a sum's slots are then read from memory once per batch, not
/// once per input) and the sums are split among the cores, each sum added by one thread only. Integer additions
/// commute, so the sums are exactly those of adding the inputs one by one; memory is the sums plus two batches (and
/// the inputs being read), whatever the number of inputs.
/// </summary>
internal sealed class IntervalSums(int batchSize = IntervalSums.BatchSize)
{
    public const int BatchSize = 32;

    private readonly Dictionary<(string Scenario, string Step, string? Location), SortedDictionary<long, IntervalAccumulator>> _steps = [];
    private readonly ConcurrentStack<StagedInput> _free = [];
    private List<StagedInput> _batch = new(batchSize);
    private List<StagedInput> _spare = new(batchSize);
    private readonly List<Work> _work = [];
    private StagedInput? _next;
    private int _nextId;
    private Task _pending = Task.CompletedTask;

    /// <summary>The staging slot the next input is read into; it counts only once <see cref="Commit()"/> is called.</summary>
    public StagedInput Next => _next ??= Rent();

    /// <summary>A staging slot for an input read on any thread; hand it back with <see cref="Commit(StagedInput)"/> or <see cref="Return"/>.</summary>
    public StagedInput Rent() => _free.TryPop(out var staged) ? staged : new StagedInput();

    /// <summary>Gives back a slot whose input was refused.</summary>
    public void Return(StagedInput staged)
    {
        staged.Clear();
        _free.Push(staged);
    }

    /// <summary>Decodes and queues one input; returns the reason it was refused, nothing of it kept.</summary>
    public MergeProblem? Add(ResultFile input, string source)
    {
        if (Stage(input, source, Next) is { } damaged)
            return damaged;
        Commit();
        return null;
    }

    /// <summary>Queues the input staged in <see cref="Next"/>.</summary>
    public void Commit()
    {
        var staged = Next;
        _next = null;
        Commit(staged);
    }

    /// <summary>Queues a staged input (the caller gives it up); a full batch is handed to the other threads.</summary>
    public void Commit(StagedInput staged)
    {
        _batch.Add(staged);
        if (_batch.Count < batchSize)
            return;
        // One batch in flight at most: the other one is free to fill once the previous addition is done.
        _pending.GetAwaiter().GetResult();
        var full = _batch;
        _pending = Task.Run(() => Apply(full));
        _batch = _spare;
        _spare = full;
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
        Apply(_batch);
        return _steps;
    }

    private void Apply(List<StagedInput> batch)
    {
        _work.Clear();
        foreach (var input in batch)
        {
            SortedDictionary<long, IntervalAccumulator>? intervals = null;
            (string, string, string?) current = default;
            foreach (var (key, start, stats, from, to) in input.Intervals)
            {
                if (intervals is null || key != current)
                {
                    if (!_steps.TryGetValue(key, out intervals))
                        _steps[key] = intervals = [];
                    current = key;
                }
                if (!intervals.TryGetValue(start, out var sum))
                    intervals[start] = sum = new IntervalAccumulator { Id = _nextId++ };
                _work.Add(new Work(sum, stats, input.Counts, from, to));
            }
        }
        CollectionsMarshal.AsSpan(_work).Sort(static (a, b) => a.Sum.Id.CompareTo(b.Sum.Id));
        var cuts = Partitions(CollectionsMarshal.AsSpan(_work), Environment.ProcessorCount);
        Parallel.For(0, cuts.Length - 1, part =>
        {
            foreach (var item in CollectionsMarshal.AsSpan(_work)[cuts[part]..cuts[part + 1]])
                item.Sum.Add(item.Counts, item.Bytes.Span[item.From..item.To]);
        });
        _work.Clear();
        foreach (var input in batch)
            Return(input);
        batch.Clear();
    }

    /// <summary>Splits work sorted by sum into about <paramref name="parts"/> equal runs, each cut between two sums, so no sum is added by two threads.</summary>
    private static int[] Partitions(ReadOnlySpan<Work> work, int parts)
    {
        var cuts = new List<int> { 0 };
        for (var part = 1; part < parts; part++)
        {
            var cut = Math.Max(cuts[^1], work.Length * part / parts);
            while (cut > 0 && cut < work.Length && work[cut].Sum == work[cut - 1].Sum)
                cut++;
            if (cut < work.Length && cut > cuts[^1])
                cuts.Add(cut);
        }
        cuts.Add(work.Length);
        return [.. cuts];
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

    private readonly record struct Work(IntervalAccumulator Sum, IntervalCounts Counts, ByteList Bytes, int From, int To);
}
