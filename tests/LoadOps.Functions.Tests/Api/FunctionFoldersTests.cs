using System.Text.Json;
using LoadOps.Functions.Api;

namespace LoadOps.Functions.Tests.Api;

/// <summary>The run API's function.json files: HTTP trigger <c>req</c>, output <c>res</c>, the routes the API serves.</summary>
public sealed class FunctionFoldersTests
{
    private static string AppFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var app = Path.Combine(dir.FullName, "functions", "LoadOps.Functions");
            if (File.Exists(Path.Combine(app, "host.json")))
                return app;
        }
        throw new InvalidOperationException("functions/LoadOps.Functions not found above the test output.");
    }

    [Theory]
    [InlineData("runs", "runs", new[] { "get", "post" })]
    [InlineData("run", "runs/{runId}", new[] { "get" })]
    [InlineData("runreport", "runs/{runId}/{report}", new[] { "get" })]
    public void Each_api_function_binds_an_http_trigger_on_its_route(string folder, string route, string[] methods)
    {
        Assert.Contains(folder, RunApiFunction.Names);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppFolder(), folder, "function.json")));
        var bindings = json.RootElement.GetProperty("bindings").EnumerateArray().ToList();
        var trigger = Assert.Single(bindings, b => b.GetProperty("type").GetString() == "httpTrigger");
        Assert.Equal(RunApiFunction.TriggerBinding, trigger.GetProperty("name").GetString());
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Equal(methods, trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        // The API checks its own bearer tokens; a function key would be a second secret for the gate to carry.
        Assert.Equal("anonymous", trigger.GetProperty("authLevel").GetString());
        var output = Assert.Single(bindings, b => b.GetProperty("type").GetString() == "http");
        Assert.Equal(RunApiFunction.OutputBinding, output.GetProperty("name").GetString());
        Assert.Equal(2, bindings.Count);
    }

    [Fact]
    public void The_host_forwards_http_requests_raw()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppFolder(), "host.json")));
        Assert.True(json.RootElement.GetProperty("customHandler").GetProperty("enableForwardingHttpRequest").GetBoolean());
    }
}
