using System.Reflection;
using LoadOps.Cloud.Api;
using LoadOps.Cloud.Hosting;
using LoadOps.Cloud.Storage;
using LoadOps.Functions.Hosting;
using LoadOps.Functions.Stages;
using LoadOps.Pipeline;
using Microsoft.Azure.Functions.Worker;

namespace LoadOps.Functions.Tests.Metadata;

/// <summary>
/// The functions.metadata the Worker SDK generated at build, checked against the pipeline's own names: a renamed queue,
/// route or schedule would otherwise silently stop a stage in the Functions host.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private static readonly IReadOnlyList<FunctionEntry> Functions = FunctionsMetadata.Read();

    private static FunctionEntry Function(string name) => Assert.Single(Functions, f => f.Name == name);

    [Fact]
    public void The_app_has_the_thirteen_functions_each_bound_to_its_class()
    {
        Assert.Equal(
            ["collect", "dispatch", "evaluate", "live", "plan", "report", "run", "runreport", "runs", "schedule", "sweep", "testhistory", "validate", "webhook"],
            Functions.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(Functions, f =>
        {
            Assert.Equal(typeof(FunctionsApp).Assembly.GetName().Name + ".dll", f.ScriptFile);
            var (_, method) = f.Resolve();
            Assert.Equal(f.Name, method.GetCustomAttribute<FunctionAttribute>()?.Name);
        });
        Assert.Equal(LoadOpsRoutes.TestHistoryRoute, (string?)Function(LoadOpsRoutes.TestHistory).Trigger["route"]);
    }

    [Theory]
    [InlineData("validate", StageQueueNames.Validate)]
    [InlineData("plan", StageQueueNames.Plan)]
    [InlineData("dispatch", StageQueueNames.Dispatch)]
    [InlineData("collect", StageQueueNames.Collect)]
    [InlineData("evaluate", StageQueueNames.Evaluate)]
    [InlineData("report", StageQueueNames.Report)]
    public void Each_stage_listens_on_the_queue_the_pipeline_sends_to(string name, string queue)
    {
        var trigger = Function(name).Trigger;
        Assert.Equal("queueTrigger", (string?)trigger["type"]);
        // The senders write to StorageNames.Queue(stage); the Functions app runs without a name prefix.
        Assert.Equal(new StorageNames().Queue(queue), (string?)trigger["queueName"]);
        Assert.Equal("AzureWebJobsStorage", (string?)trigger["connection"]);
        Assert.Equal(FunctionsApp.StorageConnection, (string?)trigger["connection"]);
    }

    [Fact]
    public void Every_stage_queue_has_exactly_one_trigger()
    {
        var bound = Functions.Where(f => f.TriggerType == "queueTrigger").Select(f => (string)f.Trigger["queueName"]!).ToList();
        Assert.Equal(StageQueueNames.Stages.Order(StringComparer.Ordinal), bound.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("webhook", "github/webhook", new[] { "post" })]
    [InlineData("runs", "runs", new[] { "get", "post" })]
    [InlineData("run", "runs/{runId}", new[] { "get" })]
    [InlineData("runreport", "runs/{runId}/{report}", new[] { "get" })]
    public void Each_http_function_serves_its_route_and_methods_anonymously(string name, string route, string[] methods)
    {
        var trigger = Function(name).Trigger;
        Assert.Equal("httpTrigger", (string?)trigger["type"]);
        Assert.Equal(route, (string?)trigger["route"]);
        Assert.Equal(methods, trigger["methods"]!.AsArray().Select(m => (string?)m));
        // The webhook checks its HMAC and the API its bearer tokens; a function key would be a second secret to carry.
        Assert.Equal("Anonymous", (string?)trigger["authLevel"]);
        Assert.Contains(Function(name).Bindings, b => (string?)b["type"] == "http" && (string?)b["direction"] == "Out");
    }

    [Fact]
    public void The_http_routes_are_the_paths_the_receivers_answer_under_the_api_prefix()
    {
        Assert.Equal(WebhookReceiver.Route, "/api/" + (string?)Function("webhook").Trigger["route"]);
        Assert.Equal(RunApi.RunsPath, "/api/" + (string?)Function("runs").Trigger["route"]);
        Assert.StartsWith(RunApi.RunsPath + "/", "/api/" + (string?)Function("run").Trigger["route"], StringComparison.Ordinal);
        Assert.StartsWith(RunApi.RunsPath + "/", "/api/" + (string?)Function("runreport").Trigger["route"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schedule", Schedules.Schedule, "0 * * * * *")]
    [InlineData("sweep", Schedules.Sweep, "30 * * * * *")]
    [InlineData("live", Schedules.Live, "15,45 * * * * *")]
    public void The_timers_fire_at_their_schedules_apart_from_each_other(string name, string constant, string expected)
    {
        var trigger = Function(name).Trigger;
        Assert.Equal("timerTrigger", (string?)trigger["type"]);
        Assert.Equal(expected, constant);
        Assert.Equal(expected, (string?)trigger["schedule"]);
        Assert.True((bool?)trigger["useMonitor"]);
        Assert.NotEqual(true, (bool?)trigger["runOnStartup"]);
    }
}
