using LoadOps.Core.Definitions;
using LoadOps.Core.Planning;
using LoadOps.Core.Policy;
using LoadOps.Core.Validation;

namespace LoadOps.Core.Tests.Planning;

public sealed class QuotaCheckTests
{
    private const string Definition = """
        version: 1
        name: wide
        target:
          baseUrl: http://127.0.0.1:5080/
        load:
          model: closed
          stages: [{ duration: 1m, users: 5000 }]
        scenarios:
          - name: main
            steps:
              - name: home
                request: GET /health
        runners:
          - { location: aws/us-east-1, count: 600 }
          - { location: azure/westeurope, count: 120 }
          - { location: pool/lab, count: 40 }
        """;

    private static LoadTestDefinition Valid()
    {
        var validation = DefinitionValidator.Validate("wide.loadtest.yaml", Definition, LoadPolicy.Default with { MaxRunners = 1_000, MaxTotalUsers = 10_000 });
        Assert.True(validation.IsValid, string.Join("\n", validation.Errors));
        return validation.Definition!;
    }

    [Fact]
    public void A_location_above_its_quota_is_named_at_its_runner_entry_with_the_fix()
    {
        var errors = QuotaCheck.Check(Valid(), "wide.loadtest.yaml", [new LocationQuota { Location = "aws/us-east-1", MaxShards = 500, Source = "the account's Fargate task quota" }]);

        var error = Assert.Single(errors);
        Assert.Equal(("wide.loadtest.yaml", 14, 5, ValidationCodes.RunnersAboveQuota, Severity.Error), (error.File, error.Line, error.Column, error.Code, error.Severity));
        Assert.Contains("600 runners at aws/us-east-1", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 500 at once (the account's Fargate task quota)", error.Message, StringComparison.Ordinal);
        Assert.Contains("lower count to 500", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kind_wide_quota_applies_to_each_location_of_the_kind_and_an_exact_one_wins()
    {
        LocationQuota[] quotas =
        [
            new() { Location = "azure/*", MaxShards = 100 },
            new() { Location = "pool/*", MaxShards = 10 },
            new() { Location = "pool/lab", MaxShards = 40 },
        ];

        var error = Assert.Single(QuotaCheck.Check(Valid(), "wide.loadtest.yaml", quotas));

        Assert.Equal(15, error.Line);
        Assert.Contains("120 runners at azure/westeurope", error.Message, StringComparison.Ordinal);
        Assert.Contains("LoadOps:Quotas entry 'azure/*'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locations_within_their_quota_or_without_one_pass()
    {
        Assert.Empty(QuotaCheck.Check(Valid(), "wide.loadtest.yaml", []));
        Assert.Empty(QuotaCheck.Check(Valid(), "wide.loadtest.yaml", [new LocationQuota { Location = "aws/us-east-1", MaxShards = 600 }]));
    }
}
