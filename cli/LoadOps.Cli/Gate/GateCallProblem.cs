namespace LoadOps.Cli.Gate;

/// <summary>What went wrong with one API call.</summary>
internal enum GateCallProblem
{
    None,

    /// <summary>401, 403 or 400: the token, its scope or the request is wrong; retrying will not help.</summary>
    Refused,

    /// <summary>No connection at all (DNS, refused, TLS): the URL is probably wrong.</summary>
    Unreachable,

    /// <summary>404: not there (yet).</summary>
    NotFound,

    /// <summary>5xx, a timeout or a dropped connection: worth another try.</summary>
    Transient,
}
