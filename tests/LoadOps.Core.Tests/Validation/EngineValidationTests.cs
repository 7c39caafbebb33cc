using LoadOps.Core.Definitions;
using LoadOps.Core.Policy;
using LoadOps.Core.Validation;

namespace LoadOps.Core.Tests.Validation;

/// <summary><c>engine: jmeter</c> with <c>script:</c>: valid without scenarios, and every key only LoadOps' own engine reads is refused.</summary>
public sealed class EngineValidationTests
{
    private const string Head = """
        version: 1
        name: shop-jmeter
        target: { baseUrl: http://127.0.0.1:5080 }
        load:
          model: closed
          stages: [{ duration: 10s, users: 4 }]

        """;

    private static DefinitionValidation Validate(string body) => DefinitionValidator.Validate("t.loadtest.yaml", Head + body, LoadPolicy.Default);

    [Fact]
    public void A_jmeter_definition_needs_no_scenarios_and_keeps_the_script_path()
    {
        var result = Validate("""
            engine: jmeter
            script: plans/checkout.jmx
            thresholds:
              - "p95 < 300ms"
              - { step: product, check: "p99 < 800ms" }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var engine = result.Definition!.Engine!;
        Assert.Equal(EngineKind.JMeter, engine.Kind);
        Assert.Equal("plans/checkout.jmx", engine.Script);
        Assert.Equal(8, engine.ScriptAt.Line);
        Assert.Null(engine.Plan);
        Assert.Empty(result.Definition.Scenarios);
    }

    [Fact]
    public void The_own_engine_written_out_is_the_default()
    {
        var result = Validate("""
            engine: loadops
            scenarios:
              - name: main
                steps: [{ name: home, request: GET / }]
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Null(result.Definition!.Engine);
    }

    [Theory]
    [InlineData("data:\n  - { name: users, file: data/users.csv }", "data", "CSV Data Set Config")]
    [InlineData("setup:\n  - { name: login, request: POST /api/sessions }", "setup", "setUp and tearDown thread groups")]
    [InlineData("teardown:\n  - { name: logout, request: DELETE /api/sessions/1 }", "teardown", "setUp and tearDown thread groups")]
    public void Keys_only_the_own_engine_reads_are_refused_with_what_the_plan_uses_instead(string key, string name, string instead)
    {
        var result = Validate("engine: jmeter\nscript: plans/checkout.jmx\n" + key + "\n");

        var error = Assert.Single(result.Errors, e => e.Code == ValidationCodes.KeyNotReadByEngine);
        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(instead, error.Message, StringComparison.Ordinal);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Target_headers_are_refused_because_the_plan_sends_its_own()
    {
        var text = Head.Replace("target: { baseUrl: http://127.0.0.1:5080 }",
            "target: { baseUrl: http://127.0.0.1:5080, headers: { X-Team: perf } }", StringComparison.Ordinal) + "engine: jmeter\nscript: plans/checkout.jmx\n";
        var result = DefinitionValidator.Validate("t.loadtest.yaml", text, LoadPolicy.Default);

        var error = Assert.Single(result.Errors, e => e.Code == ValidationCodes.KeyNotReadByEngine);
        Assert.Contains("HTTP Header Manager", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_engine_suggests_the_closest_one()
    {
        var result = Validate("engine: jmetre\nscript: plans/checkout.jmx\n");

        var error = Assert.Single(result.Errors, e => e.Code == ValidationCodes.UnknownValue);
        Assert.Contains("did you mean 'jmeter'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_script_that_is_not_a_jmx_file_is_LO089_at_the_script()
    {
        var result = Validate("engine: jmeter\nscript: results/out.jtl\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(ValidationCodes.NotAJMeterPlan, error.Code);
        Assert.Equal((8, 9), (error.Line, error.Column));
        Assert.Contains(".jmx", error.Message, StringComparison.Ordinal);
    }
}
