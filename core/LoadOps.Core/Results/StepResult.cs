using System.Text.Json.Serialization;

namespace LoadOps.Core.Results;

/// <summary>Per-interval measurements of one step of one scenario.</summary>
public sealed record StepResult(string Scenario, string Step, IReadOnlyList<IntervalStats> Intervals)
{
    /// <summary>The location these numbers come from; null when merged across locations.</summary>
    public string? Location { get; init; }
}

/// <summary>
/// One interval of one step. <see cref="Histogram"/> holds latencies in microseconds as an HdrHistogram,
/// V2 compressed encoding, base64 (see <see cref="HistogramCodec"/>). Latency is measured from the intended
/// start (open model), so it includes any time spent waiting to be sent.
/// </summary>
public sealed record IntervalStats
{
    public required DateTimeOffset Start { get; init; }
    public long Ok { get; init; }
    public FailureCounts Failed { get; init; } = FailureCounts.None;
    public long BytesSent { get; init; }
    public long BytesReceived { get; init; }
    public required string Histogram { get; init; }

    /// <summary>Responses by HTTP status code (<c>"200"</c>, <c>"503"</c>), whatever the checks said; null in files that predate it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, long>? StatusCodes { get; init; }

    /// <summary>Failed requests by error kind (<see cref="ErrorKinds"/>); they sum to <see cref="FailureCounts.Total"/>. Null when none failed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, long>? Errors { get; init; }

    /// <summary>One message per error kind, secrets masked before it was shortened.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? ErrorSamples { get; init; }

    public long Total => Ok + Failed.Total;
}

/// <summary>Failed requests by kind.</summary>
public sealed record FailureCounts(long Status = 0, long Timeout = 0, long Connect = 0, long Check = 0, long Other = 0)
{
    public static readonly FailureCounts None = new();

    public long Total => Status + Timeout + Connect + Check + Other;

    public FailureCounts Add(FailureCounts other) => new(
        Status + other.Status, Timeout + other.Timeout, Connect + other.Connect, Check + other.Check, Other + other.Other);
}
