using System.Net;

namespace LoadOps.Core.Policy;

/// <summary>The address to connect to (checked), or why none may be used.</summary>
public sealed record EgressDecision(IPAddress? Address, string? Problem)
{
    public bool Allowed => Address is not null;
}
