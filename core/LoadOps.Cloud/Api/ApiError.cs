namespace LoadOps.Cloud.Api;

/// <summary>The body of every refusal of the run API.</summary>
public sealed record ApiError(string Error);
