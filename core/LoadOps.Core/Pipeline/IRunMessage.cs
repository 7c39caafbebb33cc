namespace LoadOps.Core.Pipeline;

/// <summary>A stage message about one run, which a poisoned copy of it fails.</summary>
public interface IRunMessage
{
    string RunId { get; }
}
