using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace LoadOps.Cloud.Tests.Stubs;

/// <summary>
/// A small stateful GitHub on 127.0.0.1 for one repository: serves a git tree and file contents per ref
/// (<see cref="Files"/>; a ref listed in <see cref="FilesByRef"/> gets its own set), a pull request's files, and keeps
/// the check runs, issue comments and commit statuses it is sent, so tests assert what ended up on GitHub.
/// <see cref="Fault"/> lets a test answer a request its own way (errors, delays).
/// </summary>
internal sealed class GitHubStub : IAsyncDisposable
{
    private long _nextId = 1000;

    private GitHubStub() { }

    public StubServer Server { get; private set; } = null!;
    public Uri Address => Server.Address;
    public ConcurrentDictionary<string, string> Files { get; } = new(StringComparer.Ordinal);
    public ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> FilesByRef { get; } = new(StringComparer.Ordinal);
    public List<string> PullRequestFiles { get; } = [];
    public ConcurrentDictionary<long, JsonObject> CheckRuns { get; } = new();
    public ConcurrentDictionary<long, string> Comments { get; } = new();
    public ConcurrentQueue<JsonObject> Statuses { get; } = new();
    public Func<RecordedRequest, StubResponse?>? Fault { get; set; }

    /// <summary>Every text GitHub was sent (check-run outputs, comments, statuses), to look for what must not be there.</summary>
    public string AllPostedText => string.Join("\n", Server.Requests.Where(r => r.Method is "POST" or "PATCH").Select(r => r.BodyText));

    public static async Task<GitHubStub> StartAsync()
    {
        var stub = new GitHubStub();
        stub.Server = await StubServer.StartAsync((request, _) => stub.Fault?.Invoke(request) ?? stub.Handle(request));
        return stub;
    }

    private StubResponse Handle(RecordedRequest request)
    {
        var parts = request.Path.Trim('/').Split('/');
        // repos/{owner}/{name}/...
        var rest = parts.Length > 3 && parts[0] == "repos" ? parts[3..] : parts;
        return (request.Method, rest) switch
        {
            ("POST", ["app", "installations", _, "access_tokens"]) => StubResponse.Json("""{"token":"ghs_installation_token","expires_at":"2099-01-01T00:00:00Z"}""", 201),
            ("GET", ["git", "trees", var reference]) => Tree(Uri.UnescapeDataString(reference)),
            ("GET", ["contents", .. var path]) => Content(string.Join('/', path.Select(Uri.UnescapeDataString)), Query(request, "ref")),
            ("GET", ["pulls", _, "files"]) => StubResponse.Json(new JsonArray([.. PullRequestFiles.Select(f => (JsonNode)new JsonObject
            {
                ["filename"] = f, ["status"] = "modified", ["sha"] = "1",
            })]).ToJsonString()),
            ("POST", ["check-runs"]) => CreateCheckRun(request),
            ("PATCH", ["check-runs", var id]) => UpdateCheckRun(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), request),
            ("GET", ["commits", var sha, "check-runs"]) => ListCheckRuns(sha, Query(request, "check_name")),
            ("GET", ["issues", _, "comments"]) => StubResponse.Json(new JsonArray([.. Comments.OrderBy(c => c.Key)
                .Select(c => (JsonNode)new JsonObject { ["id"] = c.Key, ["body"] = c.Value })]).ToJsonString()),
            ("POST", ["issues", _, "comments"]) => SaveComment(Interlocked.Increment(ref _nextId), request, 201),
            ("PATCH", ["issues", "comments", var id]) => SaveComment(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), request, 200),
            ("POST", ["statuses", _]) => SaveStatus(request),
            _ => StubResponse.Json("""{"message":"Not Found"}""", 404),
        };
    }

    private IReadOnlyDictionary<string, string> FilesAt(string? reference) =>
        reference is not null && FilesByRef.TryGetValue(reference, out var files) ? files : Files;

    private StubResponse Tree(string reference)
    {
        var items = FilesAt(reference).Keys.Order(StringComparer.Ordinal)
            .Select(p => (JsonNode)new JsonObject { ["path"] = p, ["type"] = "blob", ["mode"] = "100644", ["sha"] = "1" });
        return StubResponse.Json(new JsonObject { ["sha"] = reference, ["truncated"] = false, ["tree"] = new JsonArray([.. items]) }.ToJsonString());
    }

    private StubResponse Content(string path, string? reference)
    {
        if (!FilesAt(reference).TryGetValue(path, out var text))
            return StubResponse.Json("""{"message":"Not Found"}""", 404);
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
        return StubResponse.Json(new JsonObject
        {
            ["type"] = "file", ["encoding"] = "base64", ["path"] = path, ["name"] = path.Split('/')[^1], ["sha"] = "2", ["size"] = text.Length, ["content"] = encoded,
        }.ToJsonString());
    }

    private StubResponse CreateCheckRun(RecordedRequest request)
    {
        var body = JsonNode.Parse(request.BodyText)!.AsObject();
        var id = Interlocked.Increment(ref _nextId);
        body["id"] = id;
        CheckRuns[id] = body;
        return StubResponse.Json(body.ToJsonString(), 201);
    }

    private StubResponse UpdateCheckRun(long id, RecordedRequest request)
    {
        if (!CheckRuns.TryGetValue(id, out var run))
            return StubResponse.Json("""{"message":"Not Found"}""", 404);
        lock (run)
        {
            foreach (var (key, value) in JsonNode.Parse(request.BodyText)!.AsObject())
                run[key] = value?.DeepClone();
            return StubResponse.Json(run.ToJsonString());
        }
    }

    private StubResponse ListCheckRuns(string sha, string? name)
    {
        var runs = CheckRuns.Values.Where(r => r["head_sha"]?.GetValue<string>() == sha && (name is null || r["name"]?.GetValue<string>() == name))
            .Select(r => { lock (r) return r.DeepClone(); }).ToList();
        return StubResponse.Json(new JsonObject { ["total_count"] = runs.Count, ["check_runs"] = new JsonArray([.. runs]) }.ToJsonString());
    }

    private StubResponse SaveComment(long id, RecordedRequest request, int status)
    {
        var body = JsonNode.Parse(request.BodyText)!["body"]!.GetValue<string>();
        Comments[id] = body;
        return StubResponse.Json(new JsonObject { ["id"] = id, ["body"] = body }.ToJsonString(), status);
    }

    private StubResponse SaveStatus(RecordedRequest request)
    {
        var body = JsonNode.Parse(request.BodyText)!.AsObject();
        Statuses.Enqueue(body);
        return StubResponse.Json(new JsonObject { ["id"] = Statuses.Count, ["state"] = body["state"]?.DeepClone() }.ToJsonString(), 201);
    }

    private static string? Query(RecordedRequest request, string name) =>
        request.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2 && p[0] == name)
            .Select(p => Uri.UnescapeDataString(p[1].Replace('+', ' '))).FirstOrDefault();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
