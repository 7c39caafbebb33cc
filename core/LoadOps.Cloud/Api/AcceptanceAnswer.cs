using LoadOps.Core.Webhooks;

namespace LoadOps.Cloud.Api;

/// <summary>The comment that answers a <c>/loadtest accept</c> (or the acceptance label) on its pull request: what became a baseline, or why nothing did.</summary>
public static class AcceptanceAnswer
{
    public static string Markdown(BaselineAcceptance request, BaselineAcceptanceOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(outcome);
        var headline = outcome.AcceptedRuns.Count > 0
            ? $"**LoadOps** accepted a new baseline level (`{request.Source}` by @{request.AcceptedBy}):"
            : $"**LoadOps** accepted nothing (`{request.Source}` by @{request.AcceptedBy}):";
        return headline + "\n\n" + string.Join('\n', outcome.Lines.Select(line => "- " + line)) + "\n";
    }
}
