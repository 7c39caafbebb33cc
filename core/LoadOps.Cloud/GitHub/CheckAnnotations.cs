using LoadOps.Core.Validation;
using Octokit;

namespace LoadOps.Cloud.GitHub;

/// <summary>Turns validation problems into check-run annotations, in batches of GitHub's limit of 50 per request.</summary>
public static class CheckAnnotations
{
    public const int MaxPerRequest = 50;

    public static NewCheckRunAnnotation From(DefinitionError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var path = error.File.Replace('\\', '/');
        if (path.StartsWith("./", StringComparison.Ordinal))
            path = path[2..];
        var line = Math.Max(1, error.Line);
        var level = error.Severity == Severity.Error ? CheckAnnotationLevel.Failure : CheckAnnotationLevel.Warning;
        var annotation = new NewCheckRunAnnotation(path, line, line, level, error.Message) { Title = error.Code };
        // One position per problem: start and end are on the same line, so GitHub accepts the columns.
        if (error.Column > 0)
        {
            annotation.StartColumn = error.Column;
            annotation.EndColumn = error.Column;
        }
        return annotation;
    }

    public static IReadOnlyList<IReadOnlyList<NewCheckRunAnnotation>> Batches(IEnumerable<DefinitionError> errors) =>
        [.. errors.Select(From).Chunk(MaxPerRequest).Select(chunk => (IReadOnlyList<NewCheckRunAnnotation>)chunk)];
}
