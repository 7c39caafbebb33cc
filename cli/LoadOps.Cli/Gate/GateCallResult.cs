namespace LoadOps.Cli.Gate;

/// <summary>
/// The answer to one API call: a value, or why there is none. <see cref="Refused"/> (401, 403, 400) and
/// <see cref="Unreachable"/> end the gate with exit 2; <see cref="NotFound"/> and <see cref="Transient"/> are waited out.
/// </summary>
internal sealed record GateCallResult<T>(T? Value, GateCallProblem Problem, string Message)
    where T : class
{
    public static GateCallResult<T> Ok(T value) => new(value, GateCallProblem.None, "");
}
