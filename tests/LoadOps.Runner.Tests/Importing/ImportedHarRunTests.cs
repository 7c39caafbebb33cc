using LoadOps.Core.Importing.Har;
using LoadOps.Core.Policy;
using LoadOps.Core.Validation;

namespace LoadOps.Runner.Tests.Importing;

/// <summary>The definition `loadops import har` makes from the Chromium recording (examples/import/shop.har), run by the runner against the sample shop.</summary>
public sealed class ImportedHarRunTests
{
    [Fact]
    public async Task The_imported_definition_runs_and_its_extracted_ids_reach_the_later_requests()
    {
        await using var target = await SampleTargetHost.StartAsync();
        var imported = HarImporter.Import("shop.har", await File.ReadAllTextAsync(ShopHar(), TestContext.Current.CancellationToken), new HarImportOptions("shop")).Value!;
        var validation = DefinitionValidator.Validate("shop.loadtest.yaml", imported.Yaml, LoadPolicy.Default);
        Assert.True(validation.IsValid, string.Join("\n", validation.Errors));
        // Recorded against another port; the steps, extracts and checks are the imported ones. Load: one user, bounded.
        var definition = validation.Definition! with
        {
            Target = validation.Definition.Target with { BaseUrl = target.BaseUrl },
            Load = TestShards.Closed((0.1, 1), (1.5, 1)),
        };
        var secrets = new Dictionary<string, string> { ["LOADOPS_SECRET_AUTHORIZATION"] = "token-for-test", ["LOADOPS_SECRET_COOKIE"] = "shop_session=test" };

        var (result, _) = await TestShards.RunAsync(TestShards.Spec(definition), secrets, TestContext.Current.CancellationToken);

        Assert.True(result.Total("get-api-cart-id") > 0);
        // The cart and the product are found only when cartId and id were extracted from the earlier responses.
        Assert.Equal(result.Total("get-api-cart-id"), result.Ok("get-api-cart-id"));
        Assert.Equal(result.Total("get-api-products-id"), result.Ok("get-api-products-id"));
        Assert.Equal(result.Total("post-api-cart"), result.Ok("post-api-cart"));
        // The request the shop refused when recorded is refused again, and counted as a status failure.
        Assert.Equal(result.Total("get-api-products-2"), result.Failed("get-api-products-2").Status);
    }

    private static string ShopHar()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LoadOps.sln")))
            folder = folder.Parent;
        return Path.Combine(folder?.FullName ?? throw new InvalidOperationException("LoadOps.sln not found"), "examples", "import", "shop.har");
    }
}
