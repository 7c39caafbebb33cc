using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;
using LoadOps.Runner.Http;

namespace LoadOps.Runner.Execution;

/// <summary>A shard made ready to run: its share of the load, compiled scenarios, target and secrets.</summary>
internal sealed class PreparedShard
{
    private readonly double[] _cumulativeWeights;

    public PreparedShard(ShardSpec spec, LoadSpec load, TargetAddress target, SecretValues secrets, IReadOnlyList<PreparedScenario> scenarios, TlsTrust tls)
    {
        Tls = tls;
        Spec = spec;
        Load = load;
        Curve = new LoadCurve(load.Stages);
        Target = target;
        Secrets = secrets;
        Scenarios = scenarios;
        Steps = scenarios.SelectMany(s => s.Steps).OrderBy(s => s.Index).ToList();
        _cumulativeWeights = new double[scenarios.Count];
        double sum = 0;
        for (var i = 0; i < scenarios.Count; i++)
            _cumulativeWeights[i] = sum += scenarios[i].Weight;
    }

    public ShardSpec Spec { get; }

    /// <summary>This shard's share of the definition's load.</summary>
    public LoadSpec Load { get; }
    public LoadCurve Curve { get; }
    public TargetAddress Target { get; }
    public SecretValues Secrets { get; }

    /// <summary>Launch variables (<c>{{ env.NAME }}</c>) resolved before the start.</summary>
    public EnvValues Env { get; init; } = EnvValues.Empty;

    /// <summary>The shard's data set rows (<c>{{ SET.COLUMN }}</c>), one row per set bound at each iteration's start.</summary>
    public DataRows Data { get; init; } = DataRows.None;

    /// <summary>Steps run once before the load (<c>setup:</c>); not measured.</summary>
    public IReadOnlyList<PreparedStep> Setup { get; init; } = [];

    /// <summary>Steps run once after the load (<c>teardown:</c>), when setup succeeded; not measured.</summary>
    public IReadOnlyList<PreparedStep> Teardown { get; init; } = [];

    /// <summary>What the setup steps extracted, read by every virtual user; empty until setup has run.</summary>
    public SharedVariables Shared { get; } = new();

    /// <summary>Which certificates the target may present (<c>target.tls</c>).</summary>
    public TlsTrust Tls { get; }
    public IReadOnlyList<PreparedScenario> Scenarios { get; }
    public IReadOnlyList<PreparedStep> Steps { get; }

    /// <summary>A scenario chosen at random in proportion to the weights.</summary>
    public PreparedScenario PickScenario()
    {
        if (_cumulativeWeights.Length == 1)
            return Scenarios[0];
        var point = Random.Shared.NextDouble() * _cumulativeWeights[^1];
        var index = Array.BinarySearch(_cumulativeWeights, point);
        index = index < 0 ? ~index : index + 1;
        return Scenarios[Math.Min(index, Scenarios.Count - 1)];
    }

    /// <summary>Connections the HTTP pool may open: one per closed-model user, or the open model's in-flight cap.</summary>
    public int ConnectionLimit => Load.Model == LoadModel.Closed
        ? Math.Max(1, (int)Math.Ceiling(Load.PeakTarget))
        : Math.Max(1, Load.MaxInFlight);
}

/// <summary>A scenario with its steps compiled.</summary>
internal sealed record PreparedScenario(string Name, double Weight, IReadOnlyList<PreparedStep> Steps);
