namespace LoadOps.Core.Results;

/// <summary>What the requests of a summary ended with: responses by status code, failures by error kind (<see cref="ErrorKinds"/>), one masked message per kind.</summary>
public sealed record OutcomeTotals(
    IReadOnlyDictionary<string, long> StatusCodes,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyDictionary<string, string> ErrorSamples)
{
    public static readonly OutcomeTotals None = new(new Dictionary<string, long>(), new Dictionary<string, long>(), new Dictionary<string, string>());
}
