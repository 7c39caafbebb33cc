using System.Text.Json;
using LoadOps.Core.Serialization;

namespace LoadOps.Pipeline.Memory;

/// <summary>
/// Stage messages kept in send order, for stage tests and a single-process pipeline. Each message is routed by
/// <see cref="PipelineQueues.QueueOf"/> (so an unknown type fails as it would on Azure) and kept as it comes back from
/// JSON, because a queue carries only what serialises.
/// </summary>
public sealed class InMemoryStageBus : IStageBus
{
    private readonly List<(string Queue, object Message)> _pending = [];
    private readonly Lock _lock = new();

    public Task SendAsync(object message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var queue = PipelineQueues.QueueOf(message);
        var copy = JsonSerializer.Deserialize(JsonSerializer.Serialize(message, message.GetType(), LoadOpsJson.Compact), message.GetType(), LoadOpsJson.Compact)!;
        lock (_lock)
            _pending.Add((queue, copy));
        return Task.CompletedTask;
    }

    /// <summary>How many messages wait on <paramref name="queue"/>.</summary>
    public int CountOn(string queue)
    {
        lock (_lock)
            return _pending.Count(p => p.Queue == queue);
    }

    /// <summary>Removes and returns the oldest waiting message of any queue, or null when none waits.</summary>
    public object? TakeNext()
    {
        lock (_lock)
        {
            if (_pending.Count == 0)
                return null;
            var (_, message) = _pending[0];
            _pending.RemoveAt(0);
            return message;
        }
    }

    /// <summary>Removes and returns every waiting message of type <typeparamref name="T"/>, oldest first.</summary>
    public IReadOnlyList<T> TakeAll<T>()
    {
        lock (_lock)
        {
            var taken = _pending.Select(p => p.Message).OfType<T>().ToList();
            _pending.RemoveAll(p => p.Message is T);
            return taken;
        }
    }
}
