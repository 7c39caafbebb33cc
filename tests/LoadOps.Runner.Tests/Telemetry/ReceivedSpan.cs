namespace LoadOps.Runner.Tests.Telemetry;

/// <summary>One span as received.</summary>
internal sealed record ReceivedSpan(string Scope, string Name, IReadOnlyDictionary<string, string> Attributes);
