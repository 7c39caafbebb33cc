using LoadOps.Runner.Execution;

namespace LoadOps.Runner.Recording;

/// <summary>
/// Thread-safe, cheap recording of requests and arrivals. Recording threads spread over stripes chosen by the
/// processor they run on, each stripe with its own lock (almost never contended), holding one bucket per
/// interval. <see cref="Harvest"/> takes every bucket up to an interval; a record that arrives after its interval
/// was harvested goes to the next one, so nothing is lost or counted twice.
/// </summary>
internal sealed class ShardRecorder
{
    private readonly Stripe[] _stripes;
    private readonly int _stepCount;
    private long _inFlight;
    private long _maxInFlight;

    public ShardRecorder(IntervalClock clock, int stepCount)
    {
        Clock = clock;
        _stepCount = stepCount;
        _stripes = new Stripe[Math.Max(4, Environment.ProcessorCount * 2)];
        for (var i = 0; i < _stripes.Length; i++)
            _stripes[i] = new Stripe();
    }

    public IntervalClock Clock { get; }

    public long InFlight => Interlocked.Read(ref _inFlight);

    public void Started()
    {
        var now = Interlocked.Increment(ref _inFlight);
        var max = Interlocked.Read(ref _maxInFlight);
        while (now > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxInFlight, now, max);
            if (seen == max)
                break;
            max = seen;
        }
    }

    public void Finished() => Interlocked.Decrement(ref _inFlight);

    /// <summary>The most requests in flight at once since the last call; resets to the current number.</summary>
    public long TakeMaxInFlight() => Interlocked.Exchange(ref _maxInFlight, Interlocked.Read(ref _inFlight));

    public void Record(int step, long startTimestamp, long endTimestamp, Outcome outcome, long sent, long received) =>
        Record(step, startTimestamp, endTimestamp, new StepOutcome(outcome, sent, received));

    /// <summary>One finished request: latency, outcome, status code and error kind go to the interval it ended in.</summary>
    public void Record(int step, long startTimestamp, long endTimestamp, in StepOutcome outcome)
    {
        var latency = Clock.Microseconds(startTimestamp, endTimestamp);
        var stripe = PickStripe();
        lock (stripe)
            stripe.BucketFor(Clock.IndexOf(endTimestamp), _stepCount).Record(step, latency, outcome);
    }

    /// <summary>An iteration (all the steps it ran) that ended at <paramref name="endTimestamp"/>.</summary>
    public void RecordIteration(long endTimestamp)
    {
        var stripe = PickStripe();
        lock (stripe)
            stripe.BucketFor(Clock.IndexOf(endTimestamp), _stepCount).Iterations++;
    }

    /// <summary>An open-model arrival that was due at <paramref name="dueTimestamp"/> and handled at <paramref name="handledTimestamp"/>.</summary>
    public void RecordArrival(long dueTimestamp, long handledTimestamp, bool dropped)
    {
        var lag = handledTimestamp > dueTimestamp ? Clock.Microseconds(dueTimestamp, handledTimestamp) : 1;
        var stripe = PickStripe();
        lock (stripe)
            stripe.BucketFor(Clock.IndexOf(dueTimestamp), _stepCount).RecordArrival(lag, dropped);
    }

    /// <summary>Removes and returns every bucket of intervals up to <paramref name="index"/>, from every stripe.</summary>
    public List<IntervalBucket> Harvest(long index)
    {
        var taken = new List<IntervalBucket>();
        foreach (var stripe in _stripes)
        {
            lock (stripe)
                stripe.TakeThrough(index, taken);
        }
        return taken;
    }

    /// <summary>Gives harvested buckets back for reuse once their figures have been read.</summary>
    public void Return(List<IntervalBucket> buckets)
    {
        foreach (var bucket in buckets)
        {
            bucket.Reset();
            var stripe = PickStripe();
            lock (stripe)
                stripe.Free.Push(bucket);
        }
    }

    private Stripe PickStripe() => _stripes[Thread.GetCurrentProcessorId() % _stripes.Length];

    private sealed class Stripe
    {
        private readonly List<IntervalBucket> _live = [];
        private long _harvestedThrough = -1;

        public Stack<IntervalBucket> Free { get; } = new();

        public IntervalBucket BucketFor(long index, int stepCount)
        {
            if (index <= _harvestedThrough)
                index = _harvestedThrough + 1;
            foreach (var bucket in _live)
            {
                if (bucket.Index == index)
                    return bucket;
            }
            var fresh = Free.Count > 0 ? Free.Pop() : new IntervalBucket(stepCount);
            fresh.Index = index;
            _live.Add(fresh);
            return fresh;
        }

        public void TakeThrough(long index, List<IntervalBucket> into)
        {
            _harvestedThrough = Math.Max(_harvestedThrough, index);
            for (var i = _live.Count - 1; i >= 0; i--)
            {
                if (_live[i].Index <= index)
                {
                    into.Add(_live[i]);
                    _live.RemoveAt(i);
                }
            }
        }
    }
}
