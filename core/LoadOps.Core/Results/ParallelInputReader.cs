using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace LoadOps.Core.Results;

/// <summary>
/// Reads and decodes merge inputs on several threads (the JSON and the inflating of histograms, most of a merge's
/// work) and hands them back in the order given, so whatever depends on order (the first input's identity, which
/// duplicate is refused, health ties) is decided exactly as when they are added one by one. At most
/// <c>2 × degree</c> inputs are read ahead, so memory does not grow with the number of inputs. <c>seen</c>, when
/// given, holds for each input how to read it as the next snapshot of a shard (<see cref="SnapshotRead"/>).
/// </summary>
internal static class ParallelInputReader
{
    public static async IAsyncEnumerable<StagedRead> ReadAsync(
        IReadOnlyList<MergeInput> inputs, IntervalSums sums, int degree, IReadOnlyList<SnapshotRead?>? seen, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffers = new ConcurrentBag<byte[]>();
        var window = new Queue<Task<StagedRead>>();
        var next = 0;
        try
        {
            while (next < inputs.Count || window.Count > 0)
            {
                while (next < inputs.Count && window.Count < 2 * degree)
                {
                    var input = inputs[next];
                    var snapshot = seen?[next];
                    next++;
                    window.Enqueue(Task.Run(() => ReadOneAsync(input, snapshot, sums, buffers, cancellationToken), cancellationToken));
                }
                yield return await window.Dequeue();
            }
        }
        finally
        {
            // Stopped early (a failure, cancellation): leave no read running behind the caller's back.
            foreach (var pending in window)
                await Task.WhenAny(pending);
        }
    }

    private static async Task<StagedRead> ReadOneAsync(MergeInput input, SnapshotRead? seen, IntervalSums sums, ConcurrentBag<byte[]> buffers, CancellationToken cancellationToken)
    {
        var staged = sums.Rent();
        await using var stream = await input.Open(cancellationToken);
        if (stream is null)
            return new(input.Source, staged, null, new MergeProblem(input.Source, "the result blob does not exist"));
        var (buffer, length) = await InputBuffer.ReadAllAsync(stream, buffers.TryTake(out var reused) ? reused : new byte[1 << 16], cancellationToken);
        try
        {
            var problem = ResultJsonReader.Read(buffer.AsSpan(0, length), input.Source, staged, out var envelope, seen);
            return new(input.Source, staged, envelope, problem);
        }
        finally
        {
            buffers.Add(buffer);
        }
    }
}
