namespace LoadOps.IntegrationTests.Pipeline.Verdicts;

/// <summary>GitHub's real webhook payloads from the npm package @octokit/webhooks-examples (a devDependency).</summary>
internal static class Examples
{
    private const string PackageFile = "node_modules/@octokit/webhooks-examples/api.github.com/index.json";

    /// <summary>The examples file, or null when npm ci has not brought it.</summary>
    public static string? File()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "LoadOps.sln")))
            {
                var path = Path.Combine(folder.FullName, PackageFile);
                return System.IO.File.Exists(path) ? path : null;
            }
        }
        return null;
    }
}
