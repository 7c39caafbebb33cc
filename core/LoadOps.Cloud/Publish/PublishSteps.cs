using LoadOps.Cloud.GitHub;
using LoadOps.Pipeline.Publish;

namespace LoadOps.Cloud.Publish;

/// <summary>
/// Runs publishing steps one after the other, turning each outside failure into a problem line (secret-free) so one
/// failed step neither stops the next nor fails the run. Cancellation is not a failure: it goes on up.
/// </summary>
internal sealed class PublishSteps(SecretScrubber scrubber, CancellationToken cancellationToken)
{
    private readonly List<string> _done = [];
    private readonly List<string> _problems = [];

    public PublishResult Result => new([.. _done], [.. _problems]);

    public async Task RunAsync(string what, Func<Task<string>> step)
    {
        try
        {
            _done.Add(await step());
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (GitHubException e)
        {
            _problems.Add(scrubber.Scrub($"{what}: {e.Message}{Hint(e.StatusCode)}"));
        }
        catch (InvalidOperationException e)
        {
            // Configuration problems (a malformed App key, no installation); their messages name settings, not values.
            _problems.Add(scrubber.Scrub($"{what}: {e.Message}"));
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or TimeoutException)
        {
            _problems.Add($"{what}: no answer ({e.GetType().Name})");
        }
    }

    private static string Hint(int status) => status switch
    {
        401 => " (the App's key or token is not accepted: check LoadOps:GitHub)",
        403 => " (the App lacks a permission: checks, pull requests, statuses: write)",
        404 => " (the repository, commit or pull request is not visible to the App: is it installed there?)",
        422 => " (GitHub refused the content)",
        _ => "",
    };
}
