using System.Text;
using LoadOps.Core.Validation;

namespace LoadOps.Cli.Validate;

/// <summary>Prints problems as GitHub Actions workflow commands, which the runner turns into line annotations.</summary>
internal static class GithubErrorRenderer
{
    public static void Write(TextWriter output, IReadOnlyList<DefinitionError> errors, int fileCount)
    {
        foreach (var error in errors)
        {
            var command = error.Severity == Severity.Error ? "error" : "warning";
            output.WriteLine($"::{command} file={Property(error.File)},line={error.Line},col={error.Column},title={Property(error.Code)}::{Data(error.Message)}");
        }
        output.WriteLine(TextErrorRenderer.Summary(errors, fileCount));
    }

    /// <summary>Escapes a command's message: %, CR and LF.</summary>
    public static string Data(string value) => new StringBuilder(value)
        .Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A").ToString();

    /// <summary>Escapes a property value: as <see cref="Data"/>, plus ':' and ','.</summary>
    public static string Property(string value) => new StringBuilder(Data(value))
        .Replace(":", "%3A").Replace(",", "%2C").ToString();
}
