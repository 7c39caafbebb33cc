using System.Reflection;
using System.Text.Json.Nodes;

namespace LoadOps.Functions.Tests.Metadata;

/// <summary>
/// The <c>functions.metadata</c> the Worker SDK writes into the Functions app's build output: what the Functions host
/// indexes (names, entry points, trigger bindings). Read from the build of the same configuration as the tests.
/// </summary>
internal static class FunctionsMetadata
{
    public const string FileName = "functions.metadata";

    public static string PathOf()
    {
        var configuration = typeof(FunctionsMetadata).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var app = Path.Combine(dir.FullName, "functions", "LoadOps.Functions");
            if (!Directory.Exists(app))
                continue;
            var file = Path.Combine(app, "bin", configuration, "net10.0", FileName);
            return File.Exists(file)
                ? file
                : throw new InvalidOperationException($"{file} is missing: build functions/LoadOps.Functions in {configuration} first.");
        }
        throw new InvalidOperationException("functions/LoadOps.Functions not found above the test output.");
    }

    /// <summary>The host.json built beside functions.metadata.</summary>
    public static JsonNode HostJson() => JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(PathOf())!, "host.json")))!;

    /// <summary>host.json's <c>extensions.queues.maxDequeueCount</c>: deliveries before the host poisons a message.</summary>
    public static int MaxDequeueCount() => (int)HostJson()["extensions"]!["queues"]!["maxDequeueCount"]!;

    public static IReadOnlyList<FunctionEntry> Read()
    {
        var functions = JsonNode.Parse(File.ReadAllText(PathOf()))!.AsArray();
        return [.. functions.Select(f => new FunctionEntry(
            (string)f!["name"]!, (string)f["entryPoint"]!, (string)f["scriptFile"]!,
            f["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList()))];
    }
}
