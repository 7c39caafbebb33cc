using System.Text.Json.Nodes;

namespace LoadOps.Cloud.Ecs;

/// <summary>
/// Starts, watches and stops runner tasks on Fargate. Runner containers are identical: each takes its shard from the
/// location's shard queue, so N runners are ⌈N/10⌉ RunTask calls (ECS starts at most 10 tasks per call).
/// Tasks are tagged and <c>startedBy</c> the run, so a sweep can find and stop every task of a run.
/// </summary>
public sealed class EcsLauncher(EcsJsonClient client, EcsOptions options)
{
    public const int MaxTasksPerRunTask = 10;
    public const int MaxTasksPerDescribe = 100;

    /// <summary>
    /// The run's <c>startedBy</c>: ECS allows up to 36 letters, digits, hyphens and underscores (no '/'), so other
    /// characters become '-' and a long run id is cut.
    /// </summary>
    public static string StartedBy(string runId)
    {
        var text = string.Concat(("loadops-" + runId).Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
        return text[..Math.Min(36, text.Length)];
    }

    public async Task<EcsLaunchResult> LaunchAsync(string runId, int count, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var arns = new List<string>();
        var failures = new List<EcsFailure>();
        for (var remaining = count; remaining > 0; remaining -= MaxTasksPerRunTask)
        {
            var batch = Math.Min(remaining, MaxTasksPerRunTask);
            JsonNode response;
            try
            {
                response = await client.SendAsync("RunTask", RunTaskBody(runId, batch, environment), cancellationToken);
            }
            catch (EcsException e)
            {
                // Keep what started so far: those tasks must be stopped by the caller's clean-up.
                failures.Add(new EcsFailure(null, e.ErrorType, e.Message));
                break;
            }
            arns.AddRange(response["tasks"]?.AsArray().Select(t => t?["taskArn"]?.GetValue<string>()).OfType<string>() ?? []);
            failures.AddRange(Failures(response));
        }
        return new EcsLaunchResult(count, arns, failures);
    }

    public async Task<IReadOnlyList<EcsTaskState>> DescribeAsync(IReadOnlyList<string> taskArns, CancellationToken cancellationToken)
    {
        var states = new List<EcsTaskState>(taskArns.Count);
        foreach (var chunk in taskArns.Chunk(MaxTasksPerDescribe))
        {
            var body = new JsonObject { ["cluster"] = options.Cluster, ["tasks"] = new JsonArray(chunk.Select(a => (JsonNode)a!).ToArray()) };
            var response = await client.SendAsync("DescribeTasks", body, cancellationToken);
            foreach (var task in response["tasks"]?.AsArray() ?? [])
            {
                var container = task?["containers"]?.AsArray().FirstOrDefault(c => c?["name"]?.GetValue<string>() == options.ContainerName);
                states.Add(new EcsTaskState(
                    task?["taskArn"]?.GetValue<string>() ?? "",
                    task?["lastStatus"]?.GetValue<string>() ?? "UNKNOWN",
                    task?["stopCode"]?.GetValue<string>(),
                    task?["stoppedReason"]?.GetValue<string>(),
                    container?["exitCode"]?.GetValue<int>()));
            }
            // A task ECS no longer knows (MISSING) is as good as stopped: nothing is running there.
            states.AddRange(Failures(response).Where(f => f.Arn is not null)
                .Select(f => new EcsTaskState(f.Arn!, "STOPPED", f.Reason, f.Detail, null)));
        }
        return states;
    }

    public Task StopAsync(string taskArn, string reason, CancellationToken cancellationToken) =>
        client.SendAsync("StopTask", new JsonObject { ["cluster"] = options.Cluster, ["task"] = taskArn, ["reason"] = reason[..Math.Min(reason.Length, 255)] }, cancellationToken);

    /// <summary>Every task of a run that ECS still runs, found by <c>startedBy</c>: the input of a clean-up sweep.</summary>
    public async Task<IReadOnlyList<string>> ListRunningAsync(string runId, CancellationToken cancellationToken)
    {
        var arns = new List<string>();
        string? next = null;
        do
        {
            // startedBy must be ListTasks' only filter; the default desired status is RUNNING anyway.
            var body = new JsonObject { ["cluster"] = options.Cluster, ["startedBy"] = StartedBy(runId) };
            if (next is not null)
                body["nextToken"] = next;
            var response = await client.SendAsync("ListTasks", body, cancellationToken);
            arns.AddRange(response["taskArns"]?.AsArray().Select(a => a?.GetValue<string>()).OfType<string>() ?? []);
            next = response["nextToken"]?.GetValue<string>();
        }
        while (next is not null);
        return arns;
    }

    private JsonObject RunTaskBody(string runId, int count, IReadOnlyDictionary<string, string> environment) => new()
    {
        ["cluster"] = options.Cluster,
        ["taskDefinition"] = options.TaskDefinition,
        ["count"] = count,
        ["launchType"] = "FARGATE",
        ["startedBy"] = StartedBy(runId),
        ["networkConfiguration"] = new JsonObject
        {
            ["awsvpcConfiguration"] = new JsonObject
            {
                ["subnets"] = new JsonArray(options.Subnets.Select(s => (JsonNode)s!).ToArray()),
                ["securityGroups"] = new JsonArray(options.SecurityGroups.Select(s => (JsonNode)s!).ToArray()),
                ["assignPublicIp"] = options.AssignPublicIp ? "ENABLED" : "DISABLED",
            },
        },
        ["overrides"] = new JsonObject
        {
            ["containerOverrides"] = new JsonArray(new JsonObject
            {
                ["name"] = options.ContainerName,
                ["environment"] = new JsonArray(environment.Select(e => (JsonNode)new JsonObject { ["name"] = e.Key, ["value"] = e.Value }).ToArray()),
            }),
        },
        ["tags"] = new JsonArray(new JsonObject { ["key"] = "loadops:run", ["value"] = runId }),
    };

    private static IEnumerable<EcsFailure> Failures(JsonNode response) =>
        response["failures"]?.AsArray().Select(f => new EcsFailure(
            f?["arn"]?.GetValue<string>(), f?["reason"]?.GetValue<string>() ?? "unknown", f?["detail"]?.GetValue<string>())) ?? [];
}
