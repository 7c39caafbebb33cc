using System.CommandLine;
using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;
using Microsoft.Extensions.DependencyInjection;

namespace LoadOps.Cli.Serve;

/// <summary>
/// <c>loadops serve [--storage CONNECTION] [--repo PATH] [--out DIR]</c>: runs the pipeline's stages on this machine
/// against Azurite or Azure Storage until Ctrl-C. Runs start from <c>RunRequest</c> messages on <c>loadops-validate</c>.
/// Every other setting (API tokens, GitHub, BYO pools <c>LoadOps__Pools__NAME__Transport</c>…; see docs/byo-vm.md) comes
/// from the environment, named as the Functions app's app settings (<see cref="ServeSettings"/>).
/// </summary>
internal static class ServeCommand
{
    public const string StorageVariable = "LOADOPS_STORAGE";
    private static readonly TimeSpan MinLease = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan MaxLease = TimeSpan.FromHours(1);

    public static Command Create()
    {
        var storage = new Option<string?>("--storage") { Description = $"Storage connection string (default: ${StorageVariable}, else UseDevelopmentStorage=true, i.e. Azurite)." };
        var repo = new Option<string?>("--repo") { Description = "Repository whose loadtests/ are run (default: the current folder)." };
        var outDirectory = new Option<string?>("--out", "-o") { Description = "Folder for runner output and reports (default: loadops-out/serve)." };
        var prefix = new Option<string?>("--name-prefix") { Description = "Prefix of every table, container and queue name (to share one account)." };
        var listen = new Option<string?>("--listen")
        {
            Description = $"Address of the webhook and run API endpoint, http://HOST:PORT (default {ServeOptions.DefaultListen}); 'none' turns it off.",
        };
        var lease = new Option<string?>("--lease")
        {
            Description = $"How long a stage message this serve takes stays hidden from other serves, e.g. 30s (default {ServeOptions.DefaultLease.TotalSeconds:0}s, 3s to 1h); a serve that dies holds its messages this long.",
        };
        var watchRepo = new Option<string?>("--watch-repo") { Description = "A local git repository: each new commit on its checked-out branch that touches definitions starts a run, reading the definitions at that commit." };
        var command = new Command("serve", "Run the pipeline's stages on this machine against Azurite or Azure Storage, with local runner processes.")
        {
            storage, repo, outDirectory, prefix, listen, lease, watchRepo,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var leaseTime = ServeOptions.DefaultLease;
            if (parse.GetValue(lease) is { } leaseText && (!LoadOps.Core.Definitions.DurationText.TryParse(leaseText, out leaseTime) || leaseTime < MinLease || leaseTime > MaxLease))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"error: --lease '{leaseText}' is not a duration from 3s to 1h (e.g. 30s, 2m)");
                return ExitCodes.Usage;
            }
            var watched = parse.GetValue(watchRepo) is { } w ? Path.GetFullPath(w) : null;
            var options = new ServeOptions(
                parse.GetValue(storage) ?? Environment.GetEnvironmentVariable(StorageVariable) ?? "UseDevelopmentStorage=true",
                Path.GetFullPath(parse.GetValue(repo) ?? watched ?? "."),
                Path.GetFullPath(parse.GetValue(outDirectory) ?? Path.Combine("loadops-out", "serve")))
            {
                NamePrefix = parse.GetValue(prefix) ?? "",
                Listen = parse.GetValue(listen) is { } address && address.Trim().Equals("none", StringComparison.OrdinalIgnoreCase)
                    ? null
                    : parse.GetValue(listen)?.Trim() ?? ServeOptions.DefaultListen,
                Settings = ServeSettings.FromEnvironment(),
                WatchRepository = watched,
                Lease = leaseTime,
            };
            return await RunAsync(options, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken);
        });
        return command;
    }

    public static async Task<int> RunAsync(ServeOptions options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        GitClient? git = null;
        if (options.WatchRepository is { } watched)
        {
            try
            {
                git = await GitClient.OpenAsync(watched, cancellationToken);
            }
            catch (GitException e)
            {
                await error.WriteLineAsync("error: " + e.Message);
                return ExitCodes.Usage;
            }
        }
        else if (!Directory.Exists(Path.Combine(options.Repository, "loadtests")))
        {
            await error.WriteLineAsync($"error: {options.Repository} has no loadtests/ folder; pass --repo with the repository to run.");
            return ExitCodes.Usage;
        }
        if (ServeListen.Problem(options) is { } listenProblem)
        {
            await error.WriteLineAsync("error: " + listenProblem);
            return ExitCodes.Usage;
        }

        var clock = TimeProvider.System;
        var host = new ServeHost(options, output, clock);
        await using var app = ServeApp.Create(options, host.SourceFor(git), clock, line => Log(output, clock, line));
        if (await ServeStart.CheckAsync(app, error, cancellationToken) is false)
            return ExitCodes.Usage;

        Directory.CreateDirectory(options.OutDirectory);
        var clients = app.Services.GetRequiredService<StorageClients>();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (ServeListen.CannotListen(options, e) is { } line)
        {
            await error.WriteLineAsync(line);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (StorageFailure.IsUnreachable(e))
        {
            // Storage answered the start-up checks but went away while its tables and queues were being made.
            await error.WriteLineAsync("error: the storage account could not be prepared (it stopped answering during start); is Azurite or --storage still up? (value not shown)");
            return ExitCodes.Usage;
        }
        // Said once started, so that whoever waits for this line knows storage is prepared.
        await output.WriteLineAsync($"loadops serve: definitions from {options.Repository}, output in {options.OutDirectory}; " +
            $"runs start from RunRequest messages on {clients.Names.Queue(StageQueueNames.Validate)}. Ctrl-C stops.");
        if (options.WatchRepository is { } watching)
            await output.WriteLineAsync($"loadops serve: watching {watching}: new commits that touch loadtests/ or {LoadOps.Core.Policy.LoadPolicy.RepositoryPath} start runs, read at their commit.");
        await ServeListen.DescribeAsync(app, output);
        await host.RunAsync(app, git, cancellationToken);
        return ExitCodes.Ok;
    }

    private static void Log(TextWriter output, TimeProvider clock, string line)
    {
        lock (output)
            output.WriteLine($"{clock.GetUtcNow():HH:mm:ss} {line}");
    }
}
