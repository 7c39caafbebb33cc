using LoadOps.Core.Importing.Results;
using LoadOps.Core.Policy;
using LoadOps.Core.Tests.Validation;
using LoadOps.Core.Validation;

namespace LoadOps.Core.Tests.Importing;

/// <summary>
/// The import fixtures in examples/import: shop.har (headless Chromium), shop-results.jtl / .xml.jtl (JMeter) and
/// shop_stats_history.csv (Locust) recorded against the sample shop by the scripts beside them; k6-out.json,
/// gatling-simulation.log and edge-cases.har are hand-made to the tools' documented formats.
/// </summary>
internal static class ImportFixtures
{
    public static string Path(string name) => RepositoryFiles.PathOf($"examples/import/{name}");

    public static string Read(string name) => RepositoryFiles.Read($"examples/import/{name}");

    public static ImportSettings Settings(string tool) => new(tool, tool, $"{tool}-run");

    /// <summary>The project's own validator, allowing the definition's host (the repository's policy decides that at run time).</summary>
    public static DefinitionValidation Validate(string yaml, string host) =>
        DefinitionValidator.Validate("imported.loadtest.yaml", yaml, LoadPolicy.Default with { AllowedHosts = [.. LoadPolicy.LoopbackHosts, host] });
}
