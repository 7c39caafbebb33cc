namespace LoadOps.Core.Importing.Results;

/// <summary>One request another tool measured: when it started, how long it took (microseconds) and how it ended.</summary>
public readonly record struct ImportedSample(
    string Scenario, string Step, DateTimeOffset Start, long LatencyMicros, SampleOutcome Outcome, long BytesSent = 0, long BytesReceived = 0);
