namespace LoadOps.Core.Pipeline;

/// <summary>
/// Validate → plan: one valid definition of a request becomes one run. The definition is read again from its source at
/// <see cref="DefinitionPath"/>; <see cref="DefinitionHash"/> proves it is the text that was validated.
/// </summary>
public sealed record PlanRun(string RunId, string DefinitionPath, string DefinitionHash) : IRunMessage;
