using System.Text;
using LoadOps.Core.Definitions;
using LoadOps.Core.Importing.Har;

namespace LoadOps.Core.Tests.Importing.Har;

/// <summary>On examples/import/edge-cases.har, hand-made to HAR 1.2: binary, huge, non-JSON and unicode bodies, redirects, missing fields.</summary>
public sealed class HarImporterEdgeCaseTests
{
    private static readonly string Text = ImportFixtures.Read("edge-cases.har");
    private static readonly HarImport Imported = HarImporter.Import("edge-cases.har", Text, new HarImportOptions("edge-cases")).Value!;
    private static readonly IReadOnlyList<StepSpec> Steps = ImportFixtures.Validate(Imported.Yaml, "shop.test").Definition!.Scenarios.Single().Steps;

    [Fact]
    public void The_definition_passes_the_project_validator()
    {
        var validation = ImportFixtures.Validate(Imported.Yaml, "shop.test");
        Assert.True(validation.IsValid, string.Join("\n", validation.Errors));
        Assert.Equal(11, Steps.Count);
    }

    [Theory]
    [InlineData("/api/upload", "binary request body")]
    [InlineData("/api/bulk", "larger than 64 KiB")]
    [InlineData("/api/template", "'{{' or '}}'")]
    [InlineData("/avatar.png", "static asset")]
    [InlineData("fonts.example.net/inter.woff2", "third-party host")]
    [InlineData("data:image/png", "not an http(s) request")]
    [InlineData("/tunnel", "method CONNECT")]
    public void Requests_a_step_cannot_repeat_are_dropped_with_the_reason(string url, string reason) =>
        Assert.Contains(Imported.Dropped, d => d.Url.Contains(url, StringComparison.Ordinal) && d.Reason.Contains(reason, StringComparison.Ordinal));

    [Fact]
    public void A_unicode_text_body_reaches_the_definition_unchanged()
    {
        var notes = Steps.Single(s => s.Name == "post-api-notes");
        Assert.Equal("Grüße, 世界 \"quoted\" \\ back\nslash\ttab 🚀", notes.Body);
        Assert.Equal("text/plain; charset=utf-8", notes.Headers["Content-Type"]);
        using var order = System.Text.Json.JsonDocument.Parse(Steps.Single(s => s.Name == "post-api-orders").Json!);
        Assert.Equal("Grüße 世界", order.RootElement.GetProperty("note").GetString());
    }

    [Fact]
    public void A_redirect_and_the_request_it_led_to_are_both_steps()
    {
        Assert.Equal(302, Steps.Single(s => s.Path == "/old-catalogue").Expect!.Status.Single());
        Assert.Equal(200, Steps.Single(s => s.Path == "/catalogue").Expect!.Status.Single());
    }

    [Fact]
    public void An_entry_with_only_a_method_and_url_becomes_a_step_without_checks()
    {
        var ping = Steps.Single(s => s.Path == "/api/ping");
        Assert.Equal("GET", ping.Method);
        Assert.Null(ping.Expect);
        Assert.Contains(Imported.Notes, n => n.Contains("get-api-ping has no recorded response", StringComparison.Ordinal));
    }

    [Fact]
    public void Values_from_json_and_base64_encoded_responses_are_extracted()
    {
        Assert.Equal("/api/users/{{ id }}", Steps.Single(s => s.Name == "get-api-users-id").Path);
        Assert.Equal("$.user.id", Steps.Single(s => s.Name == "post-api-login").Extract.Single().Expression);
        // The order id comes from a response the HAR stored as base64.
        Assert.StartsWith("/api/orders/{{ orderId }}?", Steps.Single(s => s.Name == "get-api-orders-id").Path, StringComparison.Ordinal);
        Assert.Contains("\"plan\":\"{{ plan }}\"", Steps.Single(s => s.Name == "post-api-orders").Json, StringComparison.Ordinal);
        // A number inside a JSON body stays a number: a template would turn it into a string.
        Assert.Contains("\"userId\":48213", Steps.Single(s => s.Name == "post-api-orders").Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_in_headers_cookies_query_form_and_json_become_secrets()
    {
        string[] recorded = ["tok_7Hq2ZpLm9Ws", "sess-9f8e7d6c5b", "hunter2-secret-value", "K3yK3yK3y-1234567", "at-0f9e8d7c6b5a"];
        Assert.All(recorded, value => Assert.DoesNotContain(value, Imported.Yaml, StringComparison.Ordinal));
        Assert.Equal(["ACCESS_TOKEN", "API_KEY", "AUTHORIZATION", "COOKIE", "PASSWORD", "X_AUTH_TOKEN"], Imported.Secrets);
        var user = Steps.Single(s => s.Name == "get-api-users-id");
        Assert.Equal("XMLHttpRequest", user.Headers["X-Requested-With"]);
        Assert.False(user.Headers.ContainsKey("User-Agent"));
    }

    [Fact]
    public void Another_host_can_be_chosen()
    {
        var fonts = HarImporter.Import("edge-cases.har", Text, new HarImportOptions("fonts", "fonts.example.net")).Value!;
        Assert.Equal("https://fonts.example.net", fonts.Origin);
        Assert.Equal(1, fonts.StepCount);
        Assert.True(ImportFixtures.Validate(fonts.Yaml, "fonts.example.net").IsValid);
    }

    [Fact]
    public void A_host_never_requested_is_refused_with_the_hosts_seen()
    {
        var problem = HarImporter.Import("edge-cases.har", Text, new HarImportOptions("x", "nowhere.test")).Problem!;
        Assert.Contains("no request went to 'nowhere.test'", problem.Message, StringComparison.Ordinal);
        Assert.Contains("http://shop.test (16)", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_response_is_not_searched_and_does_not_stop_the_import()
    {
        var huge = "{\"blob\":\"" + new string('x', 2 * 1024 * 1024) + "\",\"ref\":\"ref-123456\"}";
        var har = new StringBuilder("{\"log\":{\"entries\":[")
            .Append("{\"request\":{\"method\":\"GET\",\"url\":\"http://127.0.0.1/big\"},\"response\":{\"status\":200,\"content\":{\"mimeType\":\"application/json\",\"text\":")
            .Append(System.Text.Json.JsonSerializer.Serialize(huge)).Append("}}},")
            .Append("{\"request\":{\"method\":\"GET\",\"url\":\"http://127.0.0.1/item/ref-123456\"},\"response\":{\"status\":200}}]}}").ToString();
        var imported = HarImporter.Import("big.har", har, new HarImportOptions("big")).Value!;
        Assert.Equal(2, imported.StepCount);
        Assert.Empty(imported.Extracted);
        Assert.Contains("GET /item/ref-123456", imported.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Cookies_kept_only_in_the_cookie_list_and_headers_with_template_braces_stay_out()
    {
        const string Har = "{\"log\":{\"entries\":[{\"request\":{\"method\":\"GET\",\"url\":\"http://127.0.0.1/a\"," +
            "\"headers\":[{\"name\":\"X-Trace\",\"value\":\"{{ trace }}\"}],\"cookies\":[{\"name\":\"sid\",\"value\":\"only-in-the-cookie-list\"}]}}]}}";
        var imported = HarImporter.Import("c.har", Har, new HarImportOptions("c")).Value!;
        var step = ImportFixtures.Validate(imported.Yaml, "127.0.0.1").Definition!.Scenarios.Single().Steps.Single();
        Assert.Equal("${{ secrets.COOKIE }}", step.Headers["Cookie"]);
        Assert.False(step.Headers.ContainsKey("X-Trace"));
        Assert.DoesNotContain("only-in-the-cookie-list", imported.Yaml, StringComparison.Ordinal);
    }
}
