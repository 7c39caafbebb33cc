namespace LoadOps.Cloud.Tests.Stubs;

/// <summary>What the stub answers: a status, a body, and optional headers such as Retry-After.</summary>
internal sealed record StubResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static StubResponse Json(string body, int status = 200) => new(status, body);
}
