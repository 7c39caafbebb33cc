using LoadOps.Core.Templates;

namespace LoadOps.Cli.Run;

/// <summary>
/// <c>-e NAME=VALUE</c>: exported as <c>LOADOPS_ENV_NAME</c> in this process, so the runner processes it starts
/// inherit them and fill in <c>{{ env.NAME }}</c> (the same variable a runner image or VM sets).
/// </summary>
internal static class LaunchVariables
{
    public const string Prefix = "LOADOPS_ENV_";

    /// <summary>False with the offending argument when one is not NAME=VALUE.</summary>
    public static bool Export(IReadOnlyList<string> assignments, out string? bad)
    {
        bad = null;
        var parsed = new List<(string, string)>();
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !TemplateParser.IsSecretName(assignment[..equals]))
            {
                bad = assignment;
                return false;
            }
            parsed.Add((assignment[..equals], assignment[(equals + 1)..]));
        }
        foreach (var (name, value) in parsed)
            Environment.SetEnvironmentVariable(Prefix + name, value);
        return true;
    }
}
