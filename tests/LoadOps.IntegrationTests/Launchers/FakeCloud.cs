using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using LoadOps.Cloud.Tests.Stubs;

namespace LoadOps.IntegrationTests.Launchers;

/// <summary>
/// One loopback stub playing both ARM (container groups: PUT creates, GET says running, DELETE removes) and the ECS
/// JSON API (RunTask starts tasks, DescribeTasks says RUNNING, StopTask stops). <see cref="RefuseTasks"/> makes every
/// RunTask answer 200 with that many entries in <c>failures</c>. <see cref="Runners"/>, when set, plays the provider's
/// part for real: a created group or a started task becomes a runner process (with the environment the request
/// carried), a group's state follows its process, and a deleted group or stopped task ends it.
/// </summary>
internal sealed class FakeCloud : IAsyncDisposable
{
    private int _nextTask;

    private FakeCloud(StubServer server) => Server = server;

    public StubServer Server { get; }
    public ConcurrentDictionary<string, string> Groups { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, string> Tasks { get; } = new(StringComparer.Ordinal);
    public ConcurrentQueue<string> Stopped { get; } = new();
    public ConcurrentQueue<int> RunTaskCounts { get; } = new();
    public int RefuseTasks { get; set; }
    public RunnerProcesses? Runners { get; set; }

    /// <summary>Instance state reported for every group (Running, Succeeded, Failed).</summary>
    public string GroupState { get; set; } = "Running";
    public int? GroupExitCode { get; set; }

    public static async Task<FakeCloud> StartAsync()
    {
        FakeCloud? cloud = null;
        var server = await StubServer.StartAsync((request, _) => cloud!.Answer(request));
        cloud = new FakeCloud(server);
        return cloud;
    }

    private StubResponse Answer(RecordedRequest request)
    {
        if (request.Header("X-Amz-Target") is { } target)
            return Ecs(target[(target.IndexOf('.', StringComparison.Ordinal) + 1)..], JsonNode.Parse(request.BodyText)!);
        var missing = StubResponse.Json("""{"error":{"code":"ResourceNotFound","message":"no such group"}}""", 404);
        switch (request.Method)
        {
            case "PUT":
                Groups[request.Path] = "Creating";
                Runners?.StartGroup(request.Path, JsonNode.Parse(request.BodyText)!);
                return StubResponse.Json("""{"properties":{"provisioningState":"Creating"}}""", 201);
            case "GET":
                return Groups.ContainsKey(request.Path) ? StubResponse.Json(Group(request.Path)) : missing;
            case "DELETE":
                Runners?.Stop(request.Path);
                return Groups.TryRemove(request.Path, out _) ? StubResponse.Json("", 200) : missing;
            default:
                return StubResponse.Json("""{"error":{"code":"MethodNotAllowed","message":"?"}}""", 405);
        }
    }

    private string Group(string path)
    {
        var (state, exitCode) = Runners?.StateOf(path) is { } process ? process : (GroupState, GroupExitCode);
        return new JsonObject
        {
            ["properties"] = new JsonObject
            {
                ["provisioningState"] = "Succeeded",
                ["instanceView"] = new JsonObject { ["state"] = state },
                ["containers"] = new JsonArray(new JsonObject
                {
                    ["properties"] = new JsonObject { ["instanceView"] = new JsonObject { ["currentState"] = new JsonObject { ["exitCode"] = exitCode } } },
                }),
            },
        }.ToJsonString();
    }

    private StubResponse Ecs(string action, JsonNode body)
    {
        switch (action)
        {
            case "RunTask":
                var count = body["count"]!.GetValue<int>();
                RunTaskCounts.Enqueue(count);
                var started = Math.Max(0, count - RefuseTasks);
                var tasks = new JsonArray();
                for (var i = 0; i < started; i++)
                {
                    var arn = $"arn:aws:ecs:us-east-1:123456789012:task/loadops/{Interlocked.Increment(ref _nextTask):x8}";
                    Tasks[arn] = "RUNNING";
                    Runners?.StartTask(arn, body);
                    tasks.Add(new JsonObject { ["taskArn"] = arn });
                }
                var failures = new JsonArray(Enumerable.Range(0, count - started)
                    .Select(_ => (JsonNode)new JsonObject { ["reason"] = "RESOURCE:MEMORY", ["detail"] = "no capacity" }).ToArray());
                return StubResponse.Json(new JsonObject { ["tasks"] = tasks, ["failures"] = failures }.ToJsonString());
            case "DescribeTasks":
                var described = new JsonArray(body["tasks"]!.AsArray().Select(a => a!.GetValue<string>()).Where(Tasks.ContainsKey)
                    .Select(a => (JsonNode)new JsonObject { ["taskArn"] = a, ["lastStatus"] = Tasks[a] }).ToArray());
                return StubResponse.Json(new JsonObject { ["tasks"] = described, ["failures"] = new JsonArray() }.ToJsonString());
            case "StopTask":
                var task = body["task"]!.GetValue<string>();
                Stopped.Enqueue(task);
                Tasks[task] = "STOPPED";
                Runners?.Stop(task);
                return StubResponse.Json(new JsonObject { ["task"] = new JsonObject { ["taskArn"] = task, ["lastStatus"] = "STOPPED" } }.ToJsonString());
            default:
                return StubResponse.Json("""{"__type":"UnknownOperationException","message":"?"}""", 400);
        }
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
