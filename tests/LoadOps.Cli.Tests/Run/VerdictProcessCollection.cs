namespace LoadOps.Cli.Tests.Run;

/// <summary>The verdict process tests run alone: the target lives in the test process, and other tests' work would be its latency.</summary>
[CollectionDefinition(nameof(VerdictProcessTests), DisableParallelization = true)]
public sealed class VerdictProcessCollection;
