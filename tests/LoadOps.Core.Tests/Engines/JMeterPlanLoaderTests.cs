using LoadOps.Core.Definitions;
using LoadOps.Core.Engines;
using LoadOps.Core.Policy;
using LoadOps.Core.Serialization;
using LoadOps.Core.Validation;

namespace LoadOps.Core.Tests.Engines;

/// <summary>The plan of <c>engine: jmeter</c> is read beside the definition, checked, and carried in the definition.</summary>
public sealed class JMeterPlanLoaderTests
{
    private const string DefinitionPath = "loadtests/shop.loadtest.yaml";
    private const string Plan = "<?xml version=\"1.0\"?>\n<jmeterTestPlan version=\"1.2\"><hashTree/></jmeterTestPlan>\n";

    private static string Definition(string script = "plans/checkout.jmx") => $"""
        version: 1
        name: shop-jmeter
        target: {"{"} baseUrl: http://127.0.0.1:5080 {"}"}
        load:
          model: closed
          stages: [{"{"} duration: 10s, users: 4 {"}"}]
        engine: jmeter
        script: {script}
        """;

    private static async Task<JMeterPlanLoader.Outcome> LoadAsync(Dictionary<string, string> files, string? text = null, LoadPolicy? policy = null)
    {
        var validation = DefinitionValidator.Validate(DefinitionPath, text ?? Definition(), LoadPolicy.Default);
        Assert.True(validation.IsValid, string.Join("\n", validation.Errors));
        return await JMeterPlanLoader.LoadAsync(validation.Definition!, DefinitionPath, DefinitionPath,
            (path, _) => Task.FromResult(files.GetValueOrDefault(path)), TestContext.Current.CancellationToken, policy: policy);
    }

    private static string Sampler(string domain, string path = "/api/products") => $"""
        <jmeterTestPlan version="1.2">
          <hashTree>
            <HTTPSamplerProxy testname="list">
              <stringProp name="HTTPSampler.domain">{domain}</stringProp>
              <stringProp name="HTTPSampler.path">{path}</stringProp>
            </HTTPSamplerProxy>
          </hashTree>
        </jmeterTestPlan>
        """;

    [Fact]
    public async Task A_host_the_plan_names_literally_is_checked_against_the_policy_at_its_line()
    {
        var outcome = await LoadAsync(new() { ["loadtests/plans/checkout.jmx"] = Sampler("prod.example.com") });

        var error = Assert.Single(outcome.Errors);
        Assert.Equal((ValidationCodes.HostNotAllowed, "loadtests/plans/checkout.jmx", 4), (error.Code, error.File, error.Line));
        Assert.Contains("'list' sends to host 'prod.example.com'", error.Message, StringComparison.Ordinal);
        Assert.Contains("${__P(host,127.0.0.1)}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_absolute_url_as_the_path_is_checked_too()
    {
        var outcome = await LoadAsync(new() { ["loadtests/plans/checkout.jmx"] = Sampler("", "https://other.example.com/api") });

        Assert.Equal(ValidationCodes.HostNotAllowed, Assert.Single(outcome.Errors).Code);
    }

    [Theory]
    [InlineData("${__P(host,127.0.0.1)}")]
    [InlineData("127.0.0.1")]
    [InlineData("")]
    public async Task Hosts_from_properties_loopback_and_the_defaults_pass(string domain)
    {
        var outcome = await LoadAsync(new() { ["loadtests/plans/checkout.jmx"] = Sampler(domain) });

        Assert.Empty(outcome.Errors);
    }

    [Fact]
    public async Task A_host_the_policy_allows_passes()
    {
        var outcome = await LoadAsync(new() { ["loadtests/plans/checkout.jmx"] = Sampler("shop.staging.example.com") },
            policy: LoadPolicy.Default with { AllowedHosts = ["*.staging.example.com"] });

        Assert.Empty(outcome.Errors);
    }

    [Fact]
    public async Task The_plan_beside_the_definition_travels_in_it_and_survives_the_shard_json()
    {
        var outcome = await LoadAsync(new() { ["loadtests/plans/checkout.jmx"] = Plan });

        Assert.Empty(outcome.Errors);
        Assert.Equal(Plan, outcome.Definition!.Engine!.Plan);
        var roundTrip = LoadOpsJson.Deserialize<LoadTestDefinition>(LoadOpsJson.Serialize(outcome.Definition));
        Assert.Equal(EngineKind.JMeter, roundTrip.Engine!.Kind);
        Assert.Equal(Plan, roundTrip.Engine.Plan);
        Assert.Contains("\"jmeter\"", LoadOpsJson.Serialize(outcome.Definition), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_plan_is_LO088_at_the_script_with_the_path_looked_for()
    {
        var outcome = await LoadAsync([]);

        var error = Assert.Single(outcome.Errors);
        Assert.Null(outcome.Definition);
        Assert.Equal((ValidationCodes.ScriptNotFound, DefinitionPath, 8, 9), (error.Code, error.File, error.Line, error.Column));
        Assert.Contains("loadtests/plans/checkout.jmx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plan_outside_the_repository_is_LO088()
    {
        var outcome = await LoadAsync(new() { ["etc/checkout.jmx"] = Plan }, Definition("../../etc/checkout.jmx"));

        Assert.Equal(ValidationCodes.ScriptNotFound, Assert.Single(outcome.Errors).Code);
        Assert.Contains("outside the repository", outcome.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_xml_is_LO089_at_its_line_in_the_plan_file()
    {
        var outcome = await LoadAsync(new() { ["loadtests/plans/checkout.jmx"] = "<jmeterTestPlan>\n  <hashTree>\n</jmeterTestPlan>\n" });

        var error = Assert.Single(outcome.Errors);
        Assert.Equal((ValidationCodes.NotAJMeterPlan, "loadtests/plans/checkout.jmx", 3), (error.Code, error.File, error.Line));
        Assert.Contains("not well-formed XML", error.Message, StringComparison.Ordinal);
        Assert.Contains("script of " + DefinitionPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_given_as_the_plan_are_told_to_go_to_import()
    {
        var outcome = await LoadAsync(new() { ["loadtests/plans/checkout.jmx"] = "<testResults version=\"1.2\"/>" });

        var error = Assert.Single(outcome.Errors);
        Assert.Equal(ValidationCodes.NotAJMeterPlan, error.Code);
        Assert.Contains("loadops import jmeter", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_type_declaration_is_refused_rather_than_resolved()
    {
        var plan = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [ <!ENTITY e SYSTEM \"file:///etc/passwd\"> ]>\n<jmeterTestPlan>&e;</jmeterTestPlan>";
        var outcome = await LoadAsync(new() { ["loadtests/plans/checkout.jmx"] = plan });

        Assert.Equal(ValidationCodes.NotAJMeterPlan, Assert.Single(outcome.Errors).Code);
    }

    [Fact]
    public async Task A_plan_above_the_size_limit_is_refused()
    {
        var big = "<jmeterTestPlan>" + new string(' ', JMeterPlanLoader.MaxPlanBytes) + "</jmeterTestPlan>";
        var outcome = await LoadAsync(new() { ["loadtests/plans/checkout.jmx"] = big });

        Assert.Contains("larger than", Assert.Single(outcome.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_plan_is_part_of_the_definition_hash()
    {
        var text = Definition();
        Assert.NotEqual(DefinitionHash.Of(text, Plan), DefinitionHash.Of(text, Plan.Replace("1.2", "1.3", StringComparison.Ordinal)));
        Assert.Equal(DefinitionHash.Of(text), DefinitionHash.Of(text, null));
        Assert.NotNull((await LoadAsync(new() { ["loadtests/plans/checkout.jmx"] = Plan })).Definition);
    }
}
