using LoadOps.Core.Policy;
using LoadOps.Core.Validation;

namespace LoadOps.Core.Tests.Validation;

public sealed class TlsValidationTests
{
    private const string Definition = """
        version: 1
        name: tls-case
        target:
          baseUrl: https://localhost:8443
          http: 2
          tls: { caFile: certs/ca.pem, insecureSkipVerify: true }
        load:
          model: open
          stages:
            - { duration: 10s, rate: 5 }
        scenarios:
          - name: main
            steps:
              - name: home
                request: GET /health
        """;

    [Fact]
    public void Insecure_tls_is_read_when_the_policy_allows_it()
    {
        var policy = PolicyParser.Parse("p.yaml", "allowInsecureTls: true").Policy;

        var result = DefinitionValidator.Validate("t.loadtest.yaml", Definition, policy, []);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(2, result.Definition!.Target.Http);
        Assert.Equal("certs/ca.pem", result.Definition.Target.Tls!.CaFile);
        Assert.True(result.Definition.Target.Tls.InsecureSkipVerify);
    }

    [Fact]
    public void The_default_policy_refuses_insecure_tls_and_names_the_fix()
    {
        var result = DefinitionValidator.Validate("t.loadtest.yaml", Definition, LoadPolicy.Default, []);

        var error = Assert.Single(result.Errors, e => e.Code == ValidationCodes.InsecureTlsNotAllowed);
        Assert.Contains("allowInsecureTls: true", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, error.Line);
    }

    [Fact]
    public void A_policy_value_that_is_not_a_boolean_is_located()
    {
        var result = PolicyParser.Parse("p.yaml", "allowInsecureTls: yes please");

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Code == ValidationCodes.WrongType && e.Line == 1);
    }
}
