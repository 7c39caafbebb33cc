using System.Collections.Concurrent;
using LoadOps.Runner.Recording;

namespace LoadOps.Runner.Execution;

/// <summary>
/// Everything the runner prints goes through here: one line at a time, secret values masked, and each kind of
/// failure of a step told once rather than once per request.
/// </summary>
internal sealed class RunnerConsole(TextWriter output, SecretValues secrets)
{
    private readonly ConcurrentDictionary<(int Step, Outcome Kind), bool> _told = new();
    private readonly Lock _gate = new();

    public void Line(string text)
    {
        var safe = secrets.Redact(text);
        lock (_gate)
        {
            output.WriteLine(safe);
            output.Flush();
        }
    }

    public void FirstFailure(PreparedStep step, Outcome kind, string message)
    {
        if (_told.TryAdd((step.Index, kind), true))
            Line($"step '{step.Scenario}/{step.Name}' failed ({kind.ToString().ToLowerInvariant()}): {message} (further failures of this kind are counted, not printed)");
    }
}
