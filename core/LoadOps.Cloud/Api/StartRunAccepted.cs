namespace LoadOps.Cloud.Api;

/// <summary>
/// The 202 answer of <c>POST /api/runs</c>. <see cref="RunIds"/> holds the run id when one test was asked for (it is
/// derived from the request id, so it can be polled at once); without a test it is empty and <see cref="StatusUrl"/>
/// lists the request's runs as the validate stage creates them.
/// </summary>
public sealed record StartRunAccepted(string RequestId, IReadOnlyList<string> RunIds, string StatusUrl);
