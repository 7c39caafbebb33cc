using System.Runtime.InteropServices;
using LoadOps.Cli;

using var stop = new CancellationTokenSource();
// The first Ctrl-C (or SIGTERM, what systemd, Docker and CI runners send) asks the running command to stop cleanly:
// runners write partial results, serve finishes its messages. A second one ends the process at once.
void StopOnce(PosixSignalContext signal)
{
    signal.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
}
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, StopOnce);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, StopOnce);
return await CliApp.RunAsync(args, Console.Out, Console.Error, stop.Token);
