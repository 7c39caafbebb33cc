namespace LoadOps.Runner.Agent;

/// <summary>The flags <c>agent</c> was given (null: not given; the environment may then supply the value).</summary>
internal sealed record AgentFlags
{
    public string? Pool { get; init; }
    public string? QueueUrl { get; init; }
    public string? ServiceBus { get; init; }
    public string? QueueName { get; init; }
    public string? WorkDirectory { get; init; }
    public int? LockSeconds { get; init; }
    public int? HeartbeatSeconds { get; init; }
    public int? PollSeconds { get; init; }
    public string? Http { get; init; }
}
