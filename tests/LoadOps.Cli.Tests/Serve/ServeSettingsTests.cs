using LoadOps.Cli.Serve;
using LoadOps.Core.Planning;
using LoadOps.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoadOps.Cli.Tests.Serve;

/// <summary>
/// serve's settings before it touches storage: <c>--listen</c>, and the options the shared registration validates,
/// each wrong one an <c>error:</c> line naming the setting, all of them at once.
/// </summary>
public sealed class ServeSettingsTests
{
    private static ServeOptions Options(string? listen = null, Dictionary<string, string?>? settings = null) =>
        new("UseDevelopmentStorage=true", Path.GetTempPath(), Path.GetTempPath()) { Listen = listen, Settings = settings ?? [] };

    [Theory]
    [InlineData("https://127.0.0.1:7071")]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://127.0.0.1:7071/api")]
    [InlineData("127.0.0.1:7071")]
    public void A_listen_address_that_is_not_http_host_port_is_refused(string listen) =>
        Assert.Contains("--listen must be http://HOST:PORT", ServeListen.Problem(Options(listen)), StringComparison.Ordinal);

    [Fact]
    public void No_endpoint_and_a_plain_http_address_are_fine() =>
        Assert.Equal([null, null], new[] { ServeListen.Problem(Options(null)), ServeListen.Problem(Options("http://127.0.0.1:0")) });

    [Fact]
    public async Task Wrong_settings_are_refused_at_start_each_naming_its_setting_and_none_echoing_a_value()
    {
        var error = new StringWriter();
        var options = Options(settings: new()
        {
            ["LoadOps__Api__Tokens__0__Sha256"] = "not-a-hash-but-a-token-value",
            ["LoadOps__Plan__ReportGrace"] = "00:00:00",
            ["LOADOPS_WEBHOOK_SECRET"] = "short",
        });
        await using var app = ServeApp.Create(options, new LocalDefinitionSource(Path.GetTempPath()), TimeProvider.System, _ => { });

        var ready = await ServeStart.CheckSettingsAsync(app, error);

        Assert.False(ready);
        var lines = error.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, line => Assert.StartsWith("error: ", line, StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("LoadOps:Api:Tokens:0:Sha256", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("LoadOps:Plan:ReportGrace", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("LoadOps:GitHub:WebhookSecret", StringComparison.Ordinal));
        Assert.DoesNotContain("not-a-hash-but-a-token-value", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_from_the_environment_and_the_command_reach_the_shared_registration()
    {
        var options = Options(settings: new() { ["LoadOps__Plan__ReportGrace"] = "00:00:45" }) with { StartDelay = TimeSpan.FromSeconds(7) };
        await using var app = ServeApp.Create(options, new LocalDefinitionSource(Path.GetTempPath()), TimeProvider.System, _ => { });

        Assert.True(await ServeStart.CheckSettingsAsync(app, TextWriter.Null));
        var plan = app.Services.GetRequiredService<IOptions<PlanOptions>>().Value;
        Assert.Equal((TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(45)), (plan.StartDelay, plan.ReportGrace));
    }
}
