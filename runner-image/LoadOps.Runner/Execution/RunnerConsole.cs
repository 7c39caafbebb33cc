using System.Collections.Concurrent;

namespace LoadOps.Runner.Execution;

/// <summary>
/// Everything the runner prints goes through here: one line at a time, secret values masked, and each kind of
/// failure of a step told once rather than once per request.
/// </summary>
internal sealed class RunnerConsole(TextWriter output, SecretValues secrets)
{
    private readonly ConcurrentDictionary<(int Step, string Kind), bool> _told = new();
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

    /// <summary>Tells the first failure of each kind of a step; the message is masked before it is shortened.</summary>
    public void FirstFailure(PreparedStep step, string kind, string message)
    {
        if (_told.TryAdd((step.Index, kind), true))
            Line($"step '{step.Scenario}/{step.Name}' failed ({kind}): {secrets.RedactAndShorten(message)} (further failures of this kind are counted, not printed)");
    }

    /// <summary>Masks and shortens a failure message for the result file.</summary>
    public string Sample(string message) => secrets.RedactAndShorten(message);
}
