using System.CommandLine;
using LoadOps.Cli;

var root = new RootCommand("LoadOps: performance testing as code.");
foreach (var command in CliCommands.All())
    root.Add(command);

return await root.Parse(args).InvokeAsync();
