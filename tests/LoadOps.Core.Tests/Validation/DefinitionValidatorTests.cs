using LoadOps.Core.Definitions;
using LoadOps.Core.Policy;
using LoadOps.Core.Validation;

namespace LoadOps.Core.Tests.Validation;

public sealed class DefinitionValidatorTests
{
    private const string Minimal = """
        version: 1
        name: minimal
        target:
          baseUrl: http://127.0.0.1:5080/
        load:
          model: closed
          stages: [{ duration: 1m30s, users: 5 }]
        scenarios:
          - name: main
            steps:
              - name: home
                request: GET /health
        """;

    private static LoadPolicy ExamplesPolicy =>
        PolicyParser.Parse("policy.yaml", RepositoryFiles.Read("examples/.loadops/policy.yaml")).Policy;

    [Fact]
    public void Fills_in_the_defaults()
    {
        var definition = Valid(Minimal);
        Assert.Equal("http://127.0.0.1:5080", definition.Target.BaseUrl);
        Assert.Equal(TimeSpan.FromSeconds(30), definition.Target.Timeout);
        Assert.Equal([new RunnerSpec("local", 1)], definition.Runners);
        Assert.Equal(1, definition.Scenarios[0].Weight);
        Assert.Null(definition.Baseline);
        Assert.Empty(definition.Thresholds);
        Assert.Equal(LoadModel.Closed, definition.Load.Model);
        Assert.Equal(new StageSpec(TimeSpan.FromSeconds(90), 5) { At = new SourcePosition(7, 12) }, definition.Load.Stages[0]);
    }

    [Fact]
    public void Reads_every_part_of_the_multi_location_example()
    {
        var definition = Valid(RepositoryFiles.Read("examples/loadtests/checkout-global.loadtest.yaml"), ExamplesPolicy);
        Assert.Equal(9, definition.TotalRunnerCount);
        Assert.Equal([RunnerKind.Local, RunnerKind.Azure, RunnerKind.Aws, RunnerKind.Pool], definition.Runners.Select(r => r.Kind));
        Assert.Equal(200, definition.Load.PeakTarget);
        var addToCart = definition.Scenarios[1].Steps[0];
        Assert.Equal(("POST", "/api/cart"), (addToCart.Method, addToCart.Path));
        Assert.Equal("""{"sku":"A1","qty":1,"note":"vu {{ vu }} iteration {{ iteration }}"}""", addToCart.Json);
        Assert.Equal([200, 201], addToCart.Expect!.Status);
        Assert.Equal([new ExtractSpec("cartId", ExtractKind.JsonPath, "$.cartId"), new ExtractSpec("location", ExtractKind.Header, "Location")],
            addToCart.Extract);
        Assert.Equal("product", definition.Thresholds[3].Step);
        Assert.Equal(800_000, definition.Thresholds[3].Expression.Value);
        Assert.Equal(0.05, definition.Baseline!.Tolerance);
        Assert.Equal(new ScheduleSpec("0 3 * * *", "Europe/Paris") { At = new SourcePosition(57, 5) }, definition.Schedule[0]);
        Assert.Equal(new SlackNotifySpec("SLACK_WEBHOOK_PERF", [NotifyEvent.Fail, NotifyEvent.Regression]).WebhookSecret,
            definition.Notify!.Slack!.WebhookSecret);
        Assert.Equal("Bearer ${{ secrets.API_TOKEN }}", definition.Target.Headers["Authorization"]);
    }

    [Fact]
    public void Reads_expect_json_values_as_json_text()
    {
        var definition = Valid(Minimal.Replace("request: GET /health", "request: GET /health\n        expect: { json: { \"$.ok\": true, \"$.name\": \"x\", \"$.n\": 3 } }", StringComparison.Ordinal));
        Assert.Equal(new Dictionary<string, string> { ["$.ok"] = "true", ["$.name"] = "\"x\"", ["$.n"] = "3" },
            definition.Scenarios[0].Steps[0].Expect!.Json);
    }

    [Fact]
    public void Reads_repeat_error_tolerance_equivalence_and_noise_of_the_baseline()
    {
        var definition = Valid(Minimal + "\nbaseline: { repeat: 8, errorTolerance: 0.5%, tolerance: \"10%\", equivalence: true, noise: 1% }\n");
        Assert.Equal(8, definition.Baseline!.Repeat);
        Assert.Equal(0.005, definition.Baseline.ErrorTolerance, 12);
        Assert.Equal(0.10, definition.Baseline.Tolerance, 12);
        Assert.True(definition.Baseline.Equivalence);
        Assert.Equal(0.01, definition.Baseline.Noise, 12);
        Assert.Equal(0.03, Valid(Minimal + "\nbaseline: { runs: 5 }\n").Baseline!.Noise, 12);
    }

    [Theory]
    [InlineData("baseline: { errorTolerance: 2 }", ValidationCodes.PercentWithoutUnit, "write 2%")]
    [InlineData("baseline: { repeat: 21 }", ValidationCodes.NumberOutOfRange, "between 1 and 20")]
    [InlineData("baseline: { noise: 3 }", ValidationCodes.PercentWithoutUnit, "write 3%")]
    [InlineData("baseline: { equivalence: maybe }", ValidationCodes.WrongType, "true or false")]
    public void Refuses_bad_baseline_settings_with_the_fix(string yaml, string code, string fix)
    {
        var error = Assert.Single(DefinitionValidator.Validate("t", Minimal + "\n" + yaml + "\n", LoadPolicy.Default).Errors);
        Assert.Equal(code, error.Code);
        Assert.Contains(fix, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_every_problem_at_once_in_file_order()
    {
        var text = Minimal.Replace("name: minimal", "name: Minimal", StringComparison.Ordinal)
            .Replace("users: 5", "users: -5", StringComparison.Ordinal)
            .Replace("GET /health", "GET health", StringComparison.Ordinal);
        var result = DefinitionValidator.Validate("t.loadtest.yaml", text, LoadPolicy.Default);
        Assert.Null(result.Definition);
        Assert.Equal(["LO009", "LO018", "LO025"], result.Errors.Select(e => e.Code));
        Assert.Equal(result.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column), result.Errors);
    }

    [Theory]
    [InlineData("Authorization: \"Bearer ${{ secrets.API_TOKEN }}\"")]
    [InlineData("Authorization: \"Bearer {{ token }}\"")]
    [InlineData("X-Request-Id: \"{{ uuid }}\"")]
    [InlineData("Accept: application/json")]
    public void Accepts_secret_references_and_variables_in_headers(string header)
    {
        var text = Minimal.Replace("request: GET /health", $"request: GET /health\n        headers:\n          {header}", StringComparison.Ordinal)
            .Replace("      - name: home", "      - name: login\n        request: POST /login\n        extract: { token: \"$.token\" }\n      - name: home", StringComparison.Ordinal);
        Valid(text);
    }

    [Theory]
    [InlineData("Authorization: \"Basic dXNlcjpwYXNzd29yZA==\"")]
    [InlineData("X-Api-Key: k3y")]
    [InlineData("X-Custom: ghp_abcdefghijklmnopqrstuvwxyz0123")]
    [InlineData("X-Custom: Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdo")]
    public void Rejects_literal_credentials_in_headers_without_echoing_them(string header)
    {
        var text = Minimal.Replace("request: GET /health", $"request: GET /health\n        headers:\n          {header}", StringComparison.Ordinal);
        var error = Assert.Single(DefinitionValidator.Validate("t", text, LoadPolicy.Default).Errors);
        Assert.Equal(ValidationCodes.LiteralSecret, error.Code);
        Assert.DoesNotContain(header.Split(": ")[1].Trim('"').Split(' ')[^1], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Definitions_without_a_policy_may_only_target_loopback()
    {
        var text = Minimal.Replace("http://127.0.0.1:5080/", "https://shop.staging.example.com", StringComparison.Ordinal);
        Assert.Equal(ValidationCodes.HostNotAllowed, Assert.Single(DefinitionValidator.Validate("t", text, LoadPolicy.Default).Errors).Code);
        Valid(text, ExamplesPolicy);
        Valid(Minimal.Replace("127.0.0.1", "[::1]", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Europe/Paris")]
    [InlineData("America/New_York")]
    [InlineData("UTC")]
    public void Knows_iana_time_zones_under_invariant_globalization(string zone) =>
        Valid(Minimal + $"\nschedule:\n  - {{ cron: \"*/5 * * * 1-5\", timezone: {zone} }}\n");

    [Fact]
    public void Refuses_files_over_one_mebibyte_without_parsing_them()
    {
        var error = Assert.Single(DefinitionValidator.Validate("t", Minimal + "#" + new string('x', DefinitionValidator.MaxFileBytes), LoadPolicy.Default).Errors);
        Assert.Equal((ValidationCodes.FileTooLarge, 1, 1), (error.Code, error.Line, error.Column));
    }

    [Fact]
    public void Every_code_is_documented_with_an_example_and_a_fix()
    {
        var docs = RepositoryFiles.Read("docs/validation-codes.md");
        foreach (var code in ValidationCodes.All)
        {
            var at = docs.IndexOf($"## {code}", StringComparison.Ordinal);
            Assert.True(at >= 0, $"{code} has no section in docs/validation-codes.md");
            var next = docs.IndexOf("\n## ", at + 1, StringComparison.Ordinal);
            var section = next < 0 ? docs[at..] : docs[at..next];
            Assert.Contains("```", section, StringComparison.Ordinal);
            Assert.Contains("Fix", section, StringComparison.Ordinal);
        }
    }

    private static LoadTestDefinition Valid(string text, LoadPolicy? policy = null)
    {
        var result = DefinitionValidator.Validate("t.loadtest.yaml", text, policy ?? LoadPolicy.Default);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Definition!;
    }
}
