using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using LoadOps.Cloud.Tests.Stubs;

namespace LoadOps.IntegrationTests.Hosting;

/// <summary>
/// Stands in for the two GitHub REST calls a webhook makes to check a person's command (no real GitHub here):
/// <c>GET /repos/{repo}/collaborators/{login}/permission</c> from <see cref="Roles"/> (404 when absent, as GitHub
/// answers for a non-collaborator) and <c>GET /repos/{repo}/pulls/{number}</c> as an open pull request from a fork.
/// </summary>
internal sealed class GitHubPermissionStub : IAsyncDisposable
{
    public const string Head = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

    private GitHubPermissionStub(StubServer server) => Server = server;

    public StubServer Server { get; }
    public Uri Address => Server.Address;

    /// <summary>GitHub's <c>role_name</c> per login.</summary>
    public ConcurrentDictionary<string, string> Roles { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IEnumerable<string> Asked => Server.Requests.Select(r => $"{r.Method} {r.Path}");

    public static async Task<GitHubPermissionStub> StartAsync()
    {
        GitHubPermissionStub? stub = null;
        var server = await StubServer.StartAsync((request, _) => stub!.Answer(request));
        stub = new GitHubPermissionStub(server);
        return stub;
    }

    private StubResponse Answer(RecordedRequest request) => request.Path.Trim('/').Split('/') switch
    {
        ["repos", _, _, "collaborators", var login, "permission"] => Roles.TryGetValue(Uri.UnescapeDataString(login), out var role)
            ? StubResponse.Json(new JsonObject { ["permission"] = role == "maintain" ? "write" : role, ["role_name"] = role }.ToJsonString())
            : StubResponse.Json("""{"message":"Not Found"}""", 404),
        ["repos", var owner, var name, "pulls", var number] => StubResponse.Json(new JsonObject
        {
            ["number"] = int.Parse(number, System.Globalization.CultureInfo.InvariantCulture),
            ["state"] = "open",
            ["head"] = new JsonObject { ["sha"] = Head, ["ref"] = "cache-products", ["repo"] = new JsonObject { ["full_name"] = "stranger/shop" } },
            ["base"] = new JsonObject { ["ref"] = "main", ["repo"] = new JsonObject { ["full_name"] = $"{owner}/{name}" } },
        }.ToJsonString()),
        _ => StubResponse.Json("""{"message":"Not Found"}""", 404),
    };

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
