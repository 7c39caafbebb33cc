using LoadOps.Runner.Http;
using LoadOps.Runner.Recording;

namespace LoadOps.Runner.Execution;

/// <summary>
/// Runs a shard's <c>setup:</c> steps once before the load and its <c>teardown:</c> steps once after (only when setup
/// succeeded), on a client of their own and outside the recorder, so none of it is counted in the load's figures.
/// What setup extracts is published to <see cref="PreparedShard.Shared"/> for every virtual user; teardown reads it too.
/// </summary>
internal sealed class LifecycleRunner : IDisposable
{
    private readonly PreparedShard _shard;
    private readonly RunnerConsole _console;
    // Null when the definition has no setup or teardown: a shard without them pays nothing.
    private readonly IHttpTransport? _transport;
    private readonly StepExecutor? _executor;
    private Dictionary<string, string>? _setupVariables;

    public LifecycleRunner(PreparedShard shard, RunnerConsole console, TimeProvider time)
    {
        _shard = shard;
        _console = console;
        if (shard.Setup.Count == 0 && shard.Teardown.Count == 0)
            return;
        var http = shard.Spec.Definition.Target.Http;
        _transport = new HttpClientTransport(TargetClientFactory.Create(2, TimeSpan.FromSeconds(10), shard.Tls, http,
            shard.Target.BaseUri.Scheme == Uri.UriSchemeHttp));
        _executor = new StepExecutor(_transport, shard, new TemplateRenderer(shard.Secrets, time, shard.Env, shard.Data), console);
    }

    /// <summary>Null when every setup step passed (or there are none), else why the shard must not run its load.</summary>
    public async Task<string?> SetupAsync(CancellationToken cancellationToken)
    {
        if (_shard.Setup.Count == 0)
        {
            _setupVariables = [];
            return null;
        }
        using var user = new VirtualUser(0, _shard.Spec.ShardIndex, cancellationToken);
        var failure = await RunAsync(_shard.Setup, "setup", user, cancellationToken);
        if (failure is null)
        {
            _setupVariables = new Dictionary<string, string>(user.Variables, StringComparer.Ordinal);
            _shard.Shared.Publish(_setupVariables);
        }
        return failure;
    }

    /// <summary>
    /// Null when every teardown step passed, else why not. Runs even when the load was stopped (it is the clean-up),
    /// bounded by each step's timeout; skipped when setup failed or did not run.
    /// </summary>
    public async Task<string?> TeardownAsync(CancellationToken cancellationToken)
    {
        if (_setupVariables is null || _shard.Teardown.Count == 0)
            return null;
        using var user = new VirtualUser(0, _shard.Spec.ShardIndex, cancellationToken);
        foreach (var (name, value) in _setupVariables)
            user.Variables[name] = value;
        return await RunAsync(_shard.Teardown, "teardown", user, cancellationToken);
    }

    private async Task<string?> RunAsync(IReadOnlyList<PreparedStep> steps, string phase, VirtualUser user, CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            var outcome = await _executor!.ExecuteAsync(step, user, cancellationToken);
            if (outcome.WasAborted)
                return $"{phase} was stopped during step '{step.Name}'";
            if (outcome.Kind != Outcome.Ok)
                return _shard.Secrets.RedactAndShorten($"{phase} step '{step.Name}' failed ({outcome.ErrorKind}): {outcome.Message}");
            _console.Line($"{phase} step '{step.Name}': ok");
        }
        return null;
    }

    public void Dispose()
    {
        _executor?.Dispose();
        _transport?.Dispose();
    }
}
