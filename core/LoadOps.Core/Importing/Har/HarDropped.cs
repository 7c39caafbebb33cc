namespace LoadOps.Core.Importing.Har;

/// <summary>A recorded request left out of the definition, and why (shown to the user, never silently lost).</summary>
public sealed record HarDropped(int Index, string Method, string Url, string Reason);
