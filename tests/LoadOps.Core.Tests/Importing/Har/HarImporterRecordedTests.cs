using System.Text.Json;
using LoadOps.Core.Importing.Har;

namespace LoadOps.Core.Tests.Importing.Har;

/// <summary>On a HAR saved by headless Chromium (playwright-core recordHar) browsing the sample shop: examples/import/record-har.sh.</summary>
public sealed class HarImporterRecordedTests
{
    private static readonly string Text = ImportFixtures.Read("shop.har");
    private static readonly HarImport Imported = HarImporter.Import("shop.har", Text, new HarImportOptions("shop")).Value!;

    [Fact]
    public void The_definition_passes_the_project_validator()
    {
        var validation = ImportFixtures.Validate(Imported.Yaml, "127.0.0.1");
        Assert.True(validation.IsValid, string.Join("\n", validation.Errors));
        Assert.Empty(validation.Errors);
        var steps = validation.Definition!.Scenarios.Single().Steps;
        Assert.Equal(["GET /health", "GET /api/products", "GET /api/products/{{ id }}", "POST /api/cart", "GET /api/cart/{{ cartId }}", "GET /api/products"],
            steps.Select(s => $"{s.Method} {s.Path.Split('?')[0]}"));
        Assert.Equal("http://127.0.0.1:5187", validation.Definition.Target.BaseUrl.ToString().TrimEnd('/'));
    }

    [Fact]
    public void The_most_frequent_host_is_chosen_and_the_others_are_listed_as_dropped()
    {
        Assert.Equal("http://127.0.0.1:5187", Imported.Origin);
        Assert.Contains("most frequent", Imported.HostReason, StringComparison.Ordinal);
        Assert.Contains(Imported.Dropped, d => d.Url.StartsWith("https://cdn.example.test/", StringComparison.Ordinal) && d.Reason.Contains("third-party", StringComparison.Ordinal));
        Assert.Contains(Imported.Dropped, d => d.Url.EndsWith("/static/shop.css", StringComparison.Ordinal) && d.Reason.Contains("static asset", StringComparison.Ordinal));
    }

    [Fact]
    public void Ids_reused_from_earlier_responses_become_extract_and_variables()
    {
        var steps = ImportFixtures.Validate(Imported.Yaml, "127.0.0.1").Definition!.Scenarios.Single().Steps;
        var cart = steps.Single(s => s.Method == "POST");
        Assert.Equal("$.cartId", cart.Extract.Single(e => e.Variable == "cartId").Expression);
        Assert.Equal("/api/cart/{{ cartId }}", steps[4].Path);
        Assert.Equal("$.items[2].id", steps[1].Extract.Single().Expression);
        Assert.Equal("{\"sku\":\"P193\",\"qty\":2}", JsonSerializer.Serialize(JsonDocument.Parse(cart.Json!).RootElement));
    }

    [Fact]
    public void No_cookie_or_credential_value_of_the_recording_is_written()
    {
        using var har = JsonDocument.Parse(Text);
        var secrets = new List<string>();
        foreach (var entry in har.RootElement.GetProperty("log").GetProperty("entries").EnumerateArray())
        {
            var request = entry.GetProperty("request");
            secrets.AddRange(request.GetProperty("cookies").EnumerateArray().Select(c => c.GetProperty("value").GetString()!));
            foreach (var header in request.GetProperty("headers").EnumerateArray())
            {
                var name = header.GetProperty("name").GetString()!;
                var value = header.GetProperty("value").GetString()!;
                if (name is "Authorization" or "Cookie")
                    secrets.AddRange([value, .. value.Split(' ', '=', ';').Where(part => part.Length >= 8)]);
            }
        }
        Assert.NotEmpty(secrets);
        Assert.All(secrets.Distinct(), secret => Assert.DoesNotContain(secret, Imported.Yaml, StringComparison.Ordinal));
        Assert.Equal(["AUTHORIZATION", "COOKIE"], Imported.Secrets);
        Assert.Contains("Bearer ${{ secrets.AUTHORIZATION }}", Imported.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_the_shop_refused_gets_no_status_check_and_a_note()
    {
        Assert.Contains(Imported.Notes, n => n.Contains("400", StringComparison.Ordinal));
        var last = ImportFixtures.Validate(Imported.Yaml, "127.0.0.1").Definition!.Scenarios.Single().Steps[^1];
        Assert.Null(last.Expect);
    }
}
