using System.Runtime.InteropServices;

namespace LoadOps.Runner.Cli;

/// <summary>Turns SIGTERM and Ctrl-C (SIGINT) into a graceful stop: a token that fires instead of the process dying.</summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration _term;
    private readonly PosixSignalRegistration _interrupt;
    private readonly TextWriter _error;

    public StopSignals(CancellationToken outer, TextWriter error)
    {
        _error = error;
        _source = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    }

    public CancellationToken Token => _source.Token;

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (_source.IsCancellationRequested)
            return;
        _error.WriteLine($"{context.Signal}: stopping; in-flight requests may finish, then a partial result is written");
        _source.Cancel();
    }

    public void Dispose()
    {
        _term.Dispose();
        _interrupt.Dispose();
        _source.Dispose();
    }
}
