namespace LoadOps.Cloud.Aci;

/// <summary>ARM refused or failed a container group call: <c>{"error":{"code","message"}}</c> and the HTTP status.</summary>
public sealed class AciException(string code, string message, int statusCode)
    : Exception($"Azure Resource Manager {code} ({statusCode}): {message}")
{
    public string Code { get; } = code;
    public int StatusCode { get; } = statusCode;

    /// <summary>Throttling, server faults and timeouts are worth another try; 4xx answers are not.</summary>
    public bool IsTransient => StatusCode is 408 or 429 or >= 500;
}
