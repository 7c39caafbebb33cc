using LoadOps.Cli;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C asks the running command to stop cleanly (runners write partial results); a second one kills.
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};
return await CliApp.RunAsync(args, Console.Out, Console.Error, stop.Token);
