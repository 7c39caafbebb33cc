using System.Text.Json.Nodes;

namespace LoadOps.Infra.Tests.Bicep;

/// <summary>bicep/main.bicep compiled by the bicep binary into ARM JSON, with nested module deployments flattened.</summary>
internal sealed class CompiledTemplate
{
    private CompiledTemplate(JsonObject root, string buildOutput)
    {
        Root = root;
        Text = root.ToJsonString();
        BuildOutput = buildOutput;
        Resources = [.. Flatten(root, resourceGroup: null, path: "main")];
    }

    public JsonObject Root { get; }

    public string Text { get; }

    /// <summary>Everything bicep printed while building and linting (warnings and errors).</summary>
    public string BuildOutput { get; }

    public IReadOnlyList<ArmResource> Resources { get; }

    public IEnumerable<ArmResource> OfType(string type) =>
        Resources.Where(resource => string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase));

    public ArmResource Single(string type) => Assert.Single(OfType(type));

    public static async Task<CompiledTemplate> BuildAsync(CancellationToken cancellationToken)
    {
        var bicep = RepositoryFiles.BicepBinary;
        if (!File.Exists(bicep))
            throw new InvalidOperationException(
                $"The bicep binary is missing at {bicep}. Run 'dotnet restore LoadOps.sln' (package Azure.Bicep.CommandLine.linux-x64).");
        var mode = File.GetUnixFileMode(bicep);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
            File.SetUnixFileMode(bicep, mode | UnixFileMode.UserExecute);

        var main = RepositoryFiles.PathOf("bicep/main.bicep");
        var outDirectory = Directory.CreateTempSubdirectory("loadops-bicep-");
        try
        {
            var outFile = Path.Combine(outDirectory.FullName, "main.json");
            var build = await ProcessRun.StartAsync(bicep, ["build", main, "--outfile", outFile], cancellationToken);
            var lint = await ProcessRun.StartAsync(bicep, ["lint", main], cancellationToken);
            var output = build.AllOutput + lint.AllOutput;
            if (build.ExitCode != 0)
                throw new InvalidOperationException($"bicep build failed ({build.ExitCode}):\n{output}");
            var root = JsonNode.Parse(await File.ReadAllTextAsync(outFile, cancellationToken))!.AsObject();
            return new CompiledTemplate(root, lint.ExitCode == 0 ? output : $"lint exit {lint.ExitCode}\n{output}");
        }
        finally
        {
            outDirectory.Delete(recursive: true);
        }
    }

    private static IEnumerable<ArmResource> Flatten(JsonObject template, string? resourceGroup, string path)
    {
        foreach (var body in ResourcesOf(template))
        {
            var type = (string?)body["type"] ?? string.Empty;
            yield return new ArmResource(type, body, template, resourceGroup, path);
            if (type == "Microsoft.Resources/deployments" && body["properties"]?["template"] is JsonObject nested)
            {
                var nestedGroup = (string?)body["resourceGroup"] ?? resourceGroup;
                foreach (var inner in Flatten(nested, nestedGroup, $"{path}/{(string?)body["name"]}"))
                    yield return inner;
            }
        }
    }

    // languageVersion 2.0 templates keep resources in an object keyed by symbolic name; older ones in an array.
    private static IEnumerable<JsonObject> ResourcesOf(JsonObject template) => template["resources"] switch
    {
        JsonObject named => named.Select(pair => pair.Value).OfType<JsonObject>(),
        JsonArray list => list.OfType<JsonObject>(),
        _ => [],
    };
}
