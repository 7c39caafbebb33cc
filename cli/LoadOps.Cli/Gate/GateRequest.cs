using LoadOps.Cli.Validate;
using LoadOps.Core.Validation;

namespace LoadOps.Cli.Gate;

/// <summary>The gate's command line as typed; <see cref="ResolveAsync"/> checks it and fills in the defaults.</summary>
internal sealed record GateRequest(string Url, string? Timeout, string? OutDirectory, string? Test, string? Repository, string? Commit, string? Branch)
{
    /// <summary>The options, or null after writing one clear line per problem to <paramref name="error"/>.</summary>
    public async Task<GateOptions?> ResolveAsync(Func<string, string?> environment, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(error);
        var problems = new List<string>();
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            problems.Add($"--url must be an http(s) URL such as https://loadops-func.azurewebsites.net, not '{Url}'.");
        var token = environment(GateOptions.TokenVariable)?.Trim();
        if (string.IsNullOrEmpty(token))
            problems.Add($"set {GateOptions.TokenVariable} to a LoadOps API token (the token is read from the environment only).");
        if (!GateCommand.TryTimeout(Timeout, out var timeout))
            problems.Add($"--timeout must be a duration between 1s and 24h such as 30m or 90s, not '{Timeout}'.");

        var test = Test is { } given && !string.IsNullOrWhiteSpace(given) ? given.Trim() : null;
        if (test is not null && LooksLikeFile(test))
        {
            test = await TestNameAsync(test, error, cancellationToken);
            if (test is null)
                return null;
        }

        var context = await GateContext.ResolveAsync(Repository, Commit, Branch, environment, Directory.GetCurrentDirectory(), cancellationToken);
        if (context.Repository is null)
            problems.Add("the repository is unknown: pass --repository owner/name (or set GITHUB_REPOSITORY).");
        if (context.Commit is null)
            problems.Add("the commit is unknown: pass --commit SHA (or set GITHUB_SHA, or run in a git checkout).");
        if (context.Branch is null)
            problems.Add("the branch is unknown: pass --branch NAME (or set GITHUB_REF_NAME).");
        foreach (var problem in problems)
            await error.WriteLineAsync("error: " + problem);
        if (problems.Count > 0)
            return null;

        return new GateOptions(url!, token!, timeout, Path.GetFullPath(OutDirectory ?? Path.Combine("loadops-out", "gate")), context.Repository!, context.Commit!, context.Branch!)
        {
            Test = test,
            PullRequest = context.PullRequest,
        };
    }

    private static bool LooksLikeFile(string test) =>
        test.Contains('/', StringComparison.Ordinal) || test.Contains('\\', StringComparison.Ordinal) || DefinitionFiles.IsDefinition(test);

    /// <summary>A definition file given as --test is validated here (exit 2 when invalid) and stands for its name.</summary>
    private static async Task<string?> TestNameAsync(string file, TextWriter error, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"error: --test {file}: file not found (give a definition's name or an existing *.loadtest.yaml file).");
            return null;
        }
        var text = await File.ReadAllTextAsync(file, cancellationToken);
        var shown = DefinitionFiles.Display(file);
        var policy = new PolicyFileLoader().Load(file);
        var validation = DefinitionValidator.Validate(shown, text, policy.Policy);
        var problems = policy.Errors.Concat(validation.Errors.Where(e => e.Severity == Severity.Error)).ToList();
        if (problems.Count > 0 || validation.Name is null)
        {
            TextErrorRenderer.Write(error, problems, f => f == shown ? text : null, 1);
            if (problems.Count == 0)
                await error.WriteLineAsync($"error: {shown} has no name.");
            return null;
        }
        return validation.Name;
    }
}
