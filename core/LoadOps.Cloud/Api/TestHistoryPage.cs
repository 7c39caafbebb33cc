using LoadOps.Core.Reports;
using LoadOps.Core.Reports.Trends;

namespace LoadOps.Cloud.Api;

/// <summary>
/// <c>GET /api/tests/{test}/history[?compare=RUN,RUN][&amp;format=md]</c>: the history page of a test from storage, the
/// same page as <c>loadops report --history</c>; ticking runs on it and pressing Compare reloads it with <c>?compare=</c>.
/// A token limited to a repository sees only that repository's runs.
/// </summary>
public static class TestHistoryPage
{
    public const string PathPrefix = "/api/tests/";

    /// <summary>Runs shown at most: each costs a row and a blob read.</summary>
    public const int MaxRuns = 100;

    public const string HtmlType = "text/html; charset=utf-8";
    public const string MarkdownType = "text/markdown; charset=utf-8";

    public static string Url(string baseUrl, string test) =>
        $"{baseUrl.TrimEnd('/')}{PathPrefix}{Uri.EscapeDataString(test)}/history";

    public static async Task<ApiResponse> AnswerAsync(ITrendSource? source, ApiCaller caller, ApiRequest request, string linkBase,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        var segments = request.Path.TrimEnd('/')[PathPrefix.Length..].Split('/');
        if (segments is not [var escaped, "history"] || Uri.UnescapeDataString(escaped) is not { Length: > 0 and <= 63 } test)
            return ApiResponse.Error(404, $"No API route {request.Path}; a test's history is at {PathPrefix}TEST/history.");
        if (!request.Method.Equals("GET", StringComparison.OrdinalIgnoreCase))
            return ApiResponse.Error(405, $"{request.Method} is not allowed on {request.Path}.") with
            {
                Headers = new Dictionary<string, string> { ["Allow"] = "GET" },
            };
        if (source is null)
            return ApiResponse.Error(404, "This host keeps no run history.");

        var format = request.QueryValue("format") ?? "html";
        if (format is not ("html" or "md"))
            return ApiResponse.Error(400, $"format={format} is not a history format; use html (default) or md.");
        var entries = await source.ReadAsync(test, caller.MayUse, MaxRuns, cancellationToken);
        if (entries.Count == 0)
            return ApiResponse.Error(404, $"No reported runs of {test} yet (a run appears here once it is reported with trustworthy figures).");

        var compare = (request.QueryValue("compare") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (model, problem) = TrendModelBuilder.Build(test, entries, compare, 0.05, clock.GetUtcNow());
        if (model is null)
            return ApiResponse.Error(400, "compare: " + problem);
        var rendered = new TrendRenderer().Render(model with { CompareUrl = Url(linkBase, test) },
            format == "md" ? ReportFormat.Markdown : ReportFormat.Html);
        return rendered.Succeeded
            ? new ApiResponse(200, format == "md" ? MarkdownType : HtmlType, rendered.Text!)
            : ApiResponse.Error(500, "The history page could not be rendered: " + string.Join("; ", rendered.Errors));
    }
}
