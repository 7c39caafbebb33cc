using LoadOps.Core.Policy;
using LoadOps.Core.Validation;

namespace LoadOps.Core.Tests.Validation;

/// <summary>setup/teardown steps, WebSocket steps and engine: as the validator reads them (the corpus pins each code's position).</summary>
public sealed class LifecycleAndWebSocketValidationTests
{
    private const string Head = """
        version: 1
        name: lifecycle
        target:
          baseUrl: http://127.0.0.1:5080
        load:
          model: open
          stages: [{ duration: 10s, rate: 5 }]

        """;

    private static DefinitionValidation Validate(string body) => DefinitionValidator.Validate("t.loadtest.yaml", Head + body, LoadPolicy.Default);

    [Fact]
    public void What_setup_extracts_every_scenario_step_and_teardown_may_read()
    {
        var result = Validate("""
            setup:
              - { name: login, request: POST /api/sessions, extract: { token: "$.token" } }
            scenarios:
              - name: main
                steps:
                  - { name: account, request: "GET /api/account?t={{ token }}" }
            teardown:
              - { name: logout, request: "DELETE /api/sessions/{{ token }}" }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("login", Assert.Single(result.Definition!.Setup).Name);
        Assert.Equal("/api/sessions/{{ token }}", Assert.Single(result.Definition.Teardown).Path);
    }

    [Fact]
    public void A_setup_step_cannot_read_what_a_later_setup_step_or_a_scenario_extracts()
    {
        var result = Validate("""
            setup:
              - { name: first, request: "GET /a/{{ later }}" }
              - { name: second, request: GET /b, extract: { later: "$.x" } }
            scenarios:
              - name: main
                steps:
                  - { name: home, request: GET / }
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal((ValidationCodes.UnknownVariable, 9, 37), (error.Code, error.Line, error.Column));
        Assert.Contains("extracted by an earlier setup step", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Thresholds_cannot_name_a_setup_step_because_it_is_not_measured()
    {
        var result = Validate("""
            setup:
              - { name: login, request: POST /api/sessions }
            scenarios:
              - name: main
                steps:
                  - { name: home, request: GET / }
            thresholds:
              - { step: login, check: "p95 < 1s" }
            """);

        Assert.Contains(result.Errors, e => e.Code == ValidationCodes.UnknownThresholdStep);
    }

    [Fact]
    public void A_websocket_step_is_read_with_its_message_and_reply_checks()
    {
        var result = Validate("""
            scenarios:
              - name: chat
                steps:
                  - name: hello
                    websocket: /ws/echo?room={{ vu }}
                    send: '{"n": {{ iteration }}}'
                    extract: { n: "$.n" }
                    expect: { message: '{"n": 0}', regex: n }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var step = result.Definition!.Scenarios[0].Steps[0];
        Assert.Equal(("GET", "/ws/echo?room={{ vu }}"), (step.Method, step.Path));
        Assert.Equal("""{"n": {{ iteration }}}""", step.WebSocket!.Send);
        Assert.Equal("""{"n": 0}""", step.Expect!.Message);
    }

    [Fact]
    public void A_step_with_neither_request_nor_websocket_says_both_are_possible()
    {
        var result = Validate("""
            scenarios:
              - name: main
                steps:
                  - { name: home }
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal(ValidationCodes.MissingField, error.Code);
        Assert.Contains("'websocket: /ws/echo'", error.Message, StringComparison.Ordinal);
    }
}
