using System.CommandLine;

namespace LoadOps.Cli.Validate;

/// <summary><c>loadops validate [PATH...] [--format text|json|github] [--policy FILE]</c>.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Definition files or folders (searched recursively for *.loadtest.yaml|yml); default: loadtests/",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "text (compiler style), json (an array of error records) or github (workflow annotations)",
            DefaultValueFactory = _ => "text",
        };
        var policy = new Option<string?>("--policy")
        {
            Description = "Policy file to use instead of the repository's .loadops/policy.yaml",
        };
        var command = new Command("validate", "Check load-test definitions and report every problem with file, line and column.")
        {
            paths, format, policy,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var formatText = parseResult.GetValue(format) ?? "text";
            if (!Enum.TryParse<ErrorFormat>(formatText, ignoreCase: true, out var chosen) || !Enum.IsDefined(chosen) ||
                formatText.Any(char.IsDigit))
            {
                await error.WriteLineAsync($"loadops validate: --format must be text, json or github, not '{formatText}'");
                return ExitCodes.Usage;
            }
            return await ValidateAction.RunAsync(parseResult.GetValue(paths) ?? [], chosen, parseResult.GetValue(policy),
                output, error, cancellationToken);
        });
        return command;
    }
}
