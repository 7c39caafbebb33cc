using System.CommandLine;
using LoadOps.Core.Importing.Har;
using LoadOps.Core.Policy;
using LoadOps.Core.Validation;

namespace LoadOps.Cli.Import;

/// <summary>
/// <c>loadops import har FILE [--out FILE] [--host HOST] [--name NAME]</c>: a recorded browser session as a definition.
/// The definition goes to --out (or standard output); what was dropped, the secrets to set and the values now extracted
/// go to standard error. The definition is checked with the validator before it is written.
/// </summary>
internal static class HarImportCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("FILE") { Description = "A HAR file (HAR 1.2, as browsers and Playwright save it)." };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the definition (default: standard output)." };
        var host = new Option<string?>("--host") { Description = "The host (or host:port, or scheme://host:port) to keep; default: the most frequent." };
        var name = new Option<string?>("--name") { Description = "The test's name ([a-z0-9-]; default: from the file name)." };
        var command = new Command("har", "Make a definition from a browser recording: one step per request to the host, credentials as secrets.")
        {
            input, output, host, name,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var path = parse.GetValue(input)!;
            var (text, problem) = await ImportInput.ReadAsync(path, cancellationToken);
            if (text is null)
                return await ImportInput.UsageAsync(error, problem!);
            var imported = HarImporter.Import(path, text, new HarImportOptions(parse.GetValue(name) ?? HarImporter.NameFrom(path), parse.GetValue(host)));
            if (imported.Problem is not null)
                return await ImportInput.UsageAsync(error, imported.Problem.ToString());

            var har = imported.Value!;
            var target = parse.GetValue(output);
            // Host policy is the repository's decision at run time; here only the definition itself is checked.
            var policy = LoadPolicy.Default with { AllowedHosts = [.. LoadPolicy.LoopbackHosts, new Uri(har.Origin).Host] };
            var validation = DefinitionValidator.Validate(target ?? Path.ChangeExtension(path, ".loadtest.yaml"), har.Yaml, policy);
            await HarImportReport.WriteAsync(error, path, har, validation);
            if (!validation.IsValid)
                return ExitCodes.Failed;
            if (target is null)
                await parse.InvocationConfiguration.Output.WriteAsync(har.Yaml);
            else if (await ImportInput.WriteAsync(target, har.Yaml, cancellationToken) is { } unwritable)
                return await ImportInput.UsageAsync(error, unwritable);
            return ExitCodes.Ok;
        });
        return command;
    }
}
