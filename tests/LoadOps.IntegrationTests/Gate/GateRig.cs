using System.Security.Cryptography;
using System.Text;
using LoadOps.Cli.Gate;
using LoadOps.Cli.Serve;
using LoadOps.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LoadOps.IntegrationTests.Gate;

/// <summary>
/// <c>loadops serve</c> in this process on Azurite with its HTTP endpoint on a free loopback port, over a temporary
/// repository of short definitions against the sample target: one that passes, one whose threshold cannot pass, one
/// whose baseline has no history (inconclusive). Gates run in this process against its URL.
/// </summary>
internal sealed class GateRig : IAsyncDisposable
{
    public const string Token = "e2e-gate-token-0123456789abcdef";
    public const string WebhookSecret = "e2e-webhook-secret-0123456789";
    public const string Repository = "octo-org/shop";

    private readonly SampleTargetHost _target;
    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _serving;

    private GateRig(SampleTargetHost target, string folder, string url, StringWriter log, CancellationTokenSource stop, Task<int> serving)
    {
        _target = target;
        Folder = folder;
        Url = url;
        Log = log;
        _stop = stop;
        _serving = serving;
    }

    public string Folder { get; }
    public string Url { get; }
    public StringWriter Log { get; }

    /// <summary>The test a <c>live</c> rig adds: 8 s of load (open model, 10 arrivals/s) on two local runners.</summary>
    public const string LiveTest = "gate-live";

    /// <summary>
    /// Starts serve. With <paramref name="live"/> the repository also holds <see cref="LiveTest"/>, and results have
    /// 1 s intervals with interim snapshots uploaded every second, so live figures change while a gate waits.
    /// </summary>
    public static async Task<GateRig> StartAsync(AzuriteFixture azurite, CancellationToken cancellationToken, bool live = false)
    {
        var target = await SampleTargetHost.StartAsync();
        var baseUrl = target.BaseUrl;
        var folder = Path.Combine(Path.GetTempPath(), "loadops-gate-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        var tests = Path.Combine(folder, "repo", "loadtests");
        Directory.CreateDirectory(tests);
        await File.WriteAllTextAsync(Path.Combine(tests, "pass.loadtest.yaml"), Definition("gate-pass", baseUrl, """thresholds: [ "errors < 50%" ]"""), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(tests, "fail.loadtest.yaml"), Definition("gate-fail", baseUrl, """thresholds: [ "rps > 100000" ]"""), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(tests, "undecided.loadtest.yaml"), Definition("gate-undecided", baseUrl, "baseline: { branch: main, runs: 5 }"), cancellationToken);

        if (live)
            await File.WriteAllTextAsync(Path.Combine(tests, "live.loadtest.yaml"), SmokeDefinition.Yaml(LiveTest, baseUrl, seconds: 8, runners: 2), cancellationToken);

        var clients = await azurite.NewClientsAsync(cancellationToken);
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var options = new ServeOptions(azurite.ConnectionString, Path.Combine(folder, "repo"), Path.Combine(folder, "out"))
        {
            NamePrefix = clients.Names.Prefix,
            Listen = url,
            // Runner processes start slowly on a busy CI machine; a shard that starts late makes its run untrustworthy.
            StartDelay = TimeSpan.FromSeconds(20),
            Settings = new Dictionary<string, string?>
            {
                [ServeSettings.WebhookSecretVariable] = WebhookSecret,
                ["LoadOps__Api__Tokens__0__Sha256"] = Sha256(Token),
                ["LoadOps__Api__Tokens__0__Repository"] = Repository,
            },
        };
        if (live)
        {
            options = options with
            {
                Settings = new Dictionary<string, string?>(options.Settings)
                {
                    ["LoadOps__Plan__Interval"] = "00:00:01",
                    ["LoadOps__Plan__SnapshotUploadInterval"] = "00:00:01",
                },
            };
        }
        var log = new StringWriter();
        var stop = new CancellationTokenSource();
        var serving = ServeCommand.RunAsync(options, log, log, stop.Token);
        var rig = new GateRig(target, folder, url, log, stop, serving);
        for (var i = 0; i < 100 && !Listening(log); i++)
        {
            if (serving.IsCompleted)
                throw new InvalidOperationException($"loadops serve ended with {await serving}: {log}");
            await Task.Delay(100, cancellationToken);
        }
        return Listening(log) ? rig : throw new InvalidOperationException("loadops serve did not start listening: " + log);
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    // One closed-model user for 2 s: an open-model schedule cannot be kept on a loaded CI machine, and a run whose
    // runner fell behind is (rightly) inconclusive, which would hide the pass this rig needs.

    /// <summary>Runs a gate the way the command does (options resolved from a command line and an environment), capturing its streams.</summary>
    public async Task<(int Exit, string Output, string Error)> GateAsync(string outDirectory, string commit, string? test, string timeout, string token = Token)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var request = new GateRequest(Url, timeout, outDirectory, test, Repository, commit, "main");
        var environment = new Dictionary<string, string?> { [GateOptions.TokenVariable] = token };
        var options = await request.ResolveAsync(name => environment.GetValueOrDefault(name), error, TestContext.Current.CancellationToken);
        if (options is null)
            return (LoadOps.Cli.ExitCodes.Usage, output.ToString(), error.ToString());
        using var http = new HttpClient();
        var exit = await new GateRunner(http, output, error, TimeProvider.System)
            .RunAsync(options with { FirstPoll = TimeSpan.FromMilliseconds(300), MaxPoll = TimeSpan.FromSeconds(1) }, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _serving;
        _stop.Dispose();
        await _target.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }

    private static bool Listening(StringWriter log)
    {
        lock (log)
            return log.ToString().Contains("listening on", StringComparison.Ordinal);
    }

    private static string Definition(string name, string baseUrl, string judge) => $$"""
        version: 1
        name: {{name}}
        target: { baseUrl: {{baseUrl}} }
        load: { model: closed, stages: [ { duration: 2s, users: 1 } ] }
        scenarios:
          - name: browse
            steps:
              - { name: list, request: GET /api/products?page=1, expect: { status: 200 } }
        runners: [ { location: local, count: 1 } ]
        {{judge}}
        """;
}
