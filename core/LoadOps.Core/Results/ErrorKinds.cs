namespace LoadOps.Core.Results;

/// <summary>
/// The names under which a result file counts failed requests in <see cref="IntervalStats.Errors"/>: how the request
/// ended, finer than <see cref="FailureCounts"/> (refused, dns, tls and connect are connect failures; reset and protocol are
/// other failures), and one <c>check:NAME</c> per failed check.
/// </summary>
public static class ErrorKinds
{
    /// <summary>The target's port refused the connection.</summary>
    public const string Refused = "refused";

    /// <summary>The target's host name did not resolve.</summary>
    public const string Dns = "dns";

    /// <summary>The TLS handshake failed (an untrusted or mismatched certificate, no common protocol).</summary>
    public const string Tls = "tls";

    /// <summary>Any other failure to connect (network unreachable, connection limit of the host).</summary>
    public const string Connect = "connect";

    /// <summary>No complete response within the step's timeout (connecting included).</summary>
    public const string Timeout = "timeout";

    /// <summary>The connection was reset or closed before the response was complete.</summary>
    public const string Reset = "reset";

    /// <summary>The response was not valid HTTP/1.x.</summary>
    public const string Protocol = "protocol";

    /// <summary>A status code the step does not accept (the code itself is in <see cref="IntervalStats.StatusCodes"/>).</summary>
    public const string Status = "status";

    /// <summary>Anything else: another connection error, a request that could not be rendered or sent.</summary>
    public const string Other = "other";

    /// <summary>Prefix of a failed check's kind: <c>check:body.contains</c>, <c>check:json $.ok</c>, <c>check:extract id</c>.</summary>
    public const string CheckPrefix = "check:";

    /// <summary>The kind counting failures of the check named <paramref name="check"/>.</summary>
    public static string Check(string check) => CheckPrefix + check;

    /// <summary>The contract's coarse kind (<see cref="FailureCounts"/> field name) an error kind is counted under.</summary>
    public static string CoarseKind(string kind) => kind switch
    {
        Refused or Dns or Tls or Connect => "connect",
        Timeout => "timeout",
        Status => "status",
        _ when kind.StartsWith(CheckPrefix, StringComparison.Ordinal) => "check",
        _ => "other",
    };
}
