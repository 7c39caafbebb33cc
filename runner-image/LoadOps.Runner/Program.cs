using LoadOps.Runner.Cli;

return await RunnerCommandLine.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
