using LoadOps.Cloud.Http;

namespace LoadOps.Cloud.Tests.Http;

/// <summary>The production policy of a system with back-off steps of milliseconds, so stub tests on the real clock do not wait.</summary>
internal static class TestPolicies
{
    public static OutboundPolicy Fast(string system, int attempts = 5, double attemptTimeoutSeconds = 30) => OutboundHttp.Policies[system] with
    {
        MaxRetries = attempts - 1,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
        AttemptTimeout = TimeSpan.FromSeconds(attemptTimeoutSeconds),
    };
}
