using System.Security.Cryptography;
using LoadOps.Cloud.Storage;
using LoadOps.Core.Pipeline;
using LoadOps.Core.Reports;
using LoadOps.Pipeline;
using LoadOps.Pipeline.Live;

namespace LoadOps.Cloud.Api;

/// <summary>
/// The run API, the same behind every host:
/// <c>POST /api/runs</c> starts runs (202), <c>GET /api/runs?repository=R&amp;commit=SHA</c> or <c>?requestId=ID</c>
/// lists runs, <c>GET /api/runs/{runId}</c> shows one (with its live figures while it is under way), <c>GET /api/runs/{runId}/live</c>
/// is a page drawing them that refreshes itself, <c>GET /api/runs/{runId}/report.md</c> (or another report
/// file) returns a stored report, <c>GET /api/tests/{test}/history</c> a test's history page. Every call needs a configured bearer token; a token limited to a repository sees
/// only that repository's runs.
/// </summary>
public sealed class RunApi(ApiTokenCheck tokens, IRunCatalog runs, IRunRequestSink sink, ITrendSource? trends = null, TimeProvider? clock = null)
{
    public const string RunsPath = "/api/runs";

    /// <summary>Largest API request body a host reads; a run request is a few hundred bytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>The answer to a body over <see cref="MaxBodyBytes"/>, for hosts that stop reading early.</summary>
    public static ApiResponse TooLarge() => ApiResponse.Error(413, $"The request body is larger than {MaxBodyBytes} bytes.");

    /// <summary>
    /// Links (statusUrl, Location, report URLs) start with the configured public URL, or are relative: never the
    /// request's Host header, which a caller (or a proxy) controls.
    /// </summary>
    private string LinkBase => tokens.PublicUrl ?? "";

    public async Task<ApiResponse> HandleAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var caller = request.Caller;
        if (caller is null && !tokens.TryAuthorize(request.Authorization, out caller, out var refusal))
            return refusal;

        var path = request.Path.TrimEnd('/');
        if (path.StartsWith(TestHistoryPage.PathPrefix, StringComparison.OrdinalIgnoreCase))
            return await TestHistoryPage.AnswerAsync(trends, caller, request, LinkBase, clock ?? TimeProvider.System, cancellationToken);
        if (!path.StartsWith(RunsPath, StringComparison.OrdinalIgnoreCase) || (path.Length > RunsPath.Length && path[RunsPath.Length] != '/'))
            return NotFound($"No API route {request.Path}.");
        var segments = path[RunsPath.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var method = request.Method.ToUpperInvariant();
        return (method, segments.Length) switch
        {
            ("POST", 0) => await StartAsync(request, caller, cancellationToken),
            ("GET", 0) => await ListAsync(request, caller, cancellationToken),
            ("GET", 1) => await ShowAsync(request, caller, segments[0], cancellationToken),
            ("GET", 2) when segments[1] == RunLivePage.Segment => await LivePageAsync(request, caller, segments[0], cancellationToken),
            ("GET", 2) => await ReportAsync(caller, segments[0], segments[1], cancellationToken),
            (_, <= 2) => ApiResponse.Error(405, $"{request.Method} is not allowed on {request.Path}.") with
            {
                Headers = new Dictionary<string, string> { ["Allow"] = segments.Length == 0 ? "GET, POST" : "GET" },
            },
            _ => NotFound($"No API route {request.Path}."),
        };
    }

    private async Task<ApiResponse> StartAsync(ApiRequest request, ApiCaller caller, CancellationToken cancellationToken)
    {
        if (!StartRunBody.TryParse(request.Body, out var body, out var problem))
            return ApiResponse.Error(400, problem);
        if (!caller.MayUse(body!.Repository))
            return ApiResponse.Error(403, $"This token may start runs of {caller.Repository} only, not {body.Repository}.");

        var requestId = "api-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        await sink.SendAsync(new RunRequest
        {
            RequestId = requestId,
            Trigger = RunTrigger.Api,
            Repository = body.Repository,
            Commit = body.Commit,
            Branch = body.Branch,
            PullRequest = body.PullRequest,
            TestName = body.Test,
        }, cancellationToken);

        var baseUrl = LinkBase;
        var accepted = body.Test is { } test
            ? new StartRunAccepted(requestId, [RunIds.For(requestId, test)], RunViewBuilder.RunUrl(baseUrl, RunIds.For(requestId, test)))
            : new StartRunAccepted(requestId, [], $"{baseUrl}{RunsPath}?requestId={requestId}");
        return ApiResponse.Json(202, accepted) with
        {
            Headers = new Dictionary<string, string> { ["Location"] = accepted.StatusUrl },
            LogNote = $"API request {requestId} accepted: {body.Repository} at {body.Commit} ({body.Test ?? "every test"})",
        };
    }

    private async Task<ApiResponse> ListAsync(ApiRequest request, ApiCaller caller, CancellationToken cancellationToken)
    {
        var repository = request.QueryValue("repository");
        var commit = request.QueryValue("commit");
        IReadOnlyList<RunRecord> found;
        if (request.QueryValue("requestId") is { } requestId)
        {
            found = await runs.ListByRequestAsync(requestId, cancellationToken);
        }
        else if (repository is not null && commit is not null)
        {
            if (!caller.MayUse(repository))
                return ApiResponse.Error(403, $"This token may read runs of {caller.Repository} only, not {repository}.");
            found = await runs.ListByCommitAsync(repository, commit.ToLowerInvariant(), cancellationToken);
        }
        else
        {
            return ApiResponse.Error(400, "List runs with ?repository=owner/name&commit=SHA or ?requestId=ID.");
        }

        var views = new List<RunView>();
        foreach (var run in found.Where(r => caller.MayUse(r.Repo)))
            views.Add(await ViewAsync(run, LinkBase, cancellationToken));
        return ApiResponse.Json(200, new RunList(views));
    }

    private async Task<ApiResponse> ShowAsync(ApiRequest request, ApiCaller caller, string runId, CancellationToken cancellationToken)
    {
        var run = await FindAsync(caller, runId, cancellationToken);
        return run is null
            ? NotFound($"No run {runId} (yet: a run asked for a moment ago appears once the validate stage has read the request).")
            : ApiResponse.Json(200, await ViewAsync(run, LinkBase, cancellationToken));
    }

    private async Task<ApiResponse> LivePageAsync(ApiRequest request, ApiCaller caller, string runId, CancellationToken cancellationToken)
    {
        var run = await FindAsync(caller, runId, cancellationToken);
        return run is null
            ? NotFound($"No run {runId} (yet: a run asked for a moment ago appears once the validate stage has read the request).")
            : RunLivePage.Answer(await ViewAsync(run, LinkBase, cancellationToken), request.QueryValue("refresh"));
    }

    private async Task<ApiResponse> ReportAsync(ApiCaller caller, string runId, string fileName, CancellationToken cancellationToken)
    {
        var file = ReportFiles.All.FirstOrDefault(f => f.FileName == fileName);
        if (file.FileName is null)
            return NotFound($"No report named {fileName}; reports are {string.Join(", ", ReportFiles.All.Select(f => f.FileName))}.");
        var run = await FindAsync(caller, runId, cancellationToken);
        if (run is null)
            return NotFound($"No run {runId}.");
        var blob = run.ReportBlobNames.FirstOrDefault(b => Path.GetFileName(b) == fileName);
        var text = blob is null ? null : await runs.ReadReportAsync(blob, cancellationToken);
        return text is null
            ? NotFound($"Run {runId} has no {fileName} (it is {run.Status}; reports exist once it is reported).")
            : new ApiResponse(200, file.ContentType, text);
    }

    /// <summary>A run the caller may see; a run of another repository is reported as not found, so its existence does not leak.</summary>
    private async Task<RunRecord?> FindAsync(ApiCaller caller, string runId, CancellationToken cancellationToken)
    {
        if (runId.Length is 0 or > 100)
            return null;
        var run = await runs.GetAsync(runId, cancellationToken);
        return run is not null && caller.MayUse(run.Repo) ? run : null;
    }

    private async Task<RunView> ViewAsync(RunRecord run, string baseUrl, CancellationToken cancellationToken)
    {
        var evaluation = run.Status == RunStatus.Reported ? await runs.ReadEvaluationAsync(run.RunId, cancellationToken) : null;
        var live = LiveRunReader.IsUnderWay(run) ? await runs.ReadLiveAsync(run, cancellationToken) : null;
        return RunViewBuilder.Build(run, evaluation, baseUrl, live);
    }

    private static ApiResponse NotFound(string message) => ApiResponse.Error(404, message);
}
