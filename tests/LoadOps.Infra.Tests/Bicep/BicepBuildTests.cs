using System.Text.RegularExpressions;

namespace LoadOps.Infra.Tests.Bicep;

public sealed partial class BicepBuildTests(CompiledTemplateFixture fixture)
{
    private readonly CompiledTemplate template = fixture.Template;

    [Fact]
    public void Build_and_lint_report_no_warning_or_error()
    {
        var diagnostics = DiagnosticLine().Matches(template.BuildOutput).Select(match => match.Value).Distinct().ToList();
        Assert.True(diagnostics.Count == 0, "bicep reported:\n" + string.Join('\n', diagnostics) + template.BuildOutput);
    }

    [Fact]
    public void Webhook_url_output_points_at_the_github_webhook_route()
    {
        var value = (string?)template.Root["outputs"]?["webhookUrl"]?["value"];
        Assert.NotNull(value);
        Assert.StartsWith("[format('https://{0}/api/github/webhook'", value, StringComparison.Ordinal);
        Assert.Contains("reference('app').outputs.hostName", value, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_parameter_is_described()
    {
        var undescribed = template.Resources
            .Where(resource => resource.Type == "Microsoft.Resources/deployments")
            .Select(resource => resource.Body["properties"]?["template"]?["parameters"]?.AsObject())
            .Append(template.Root["parameters"]?.AsObject())
            .OfType<System.Text.Json.Nodes.JsonObject>()
            .SelectMany(parameters => parameters)
            .Where(parameter => parameter.Value?["metadata"]?["description"] is null)
            .Select(parameter => parameter.Key)
            .ToList();
        Assert.Empty(undescribed);
    }

    [GeneratedRegex(@"^.*: (Warning|Error) .*$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();
}
