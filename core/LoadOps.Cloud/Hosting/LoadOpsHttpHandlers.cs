using LoadOps.Cloud.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LoadOps.Cloud.Hosting;

/// <summary>
/// The webhook and the run API as every host answers them: binds the request (<see cref="HttpBinding"/>), hands it to
/// <see cref="WebhookReceiver"/> or <see cref="RunApi"/>, logs the answer's note, and turns an unexpected exception into
/// a plain 500 whatever the environment (no developer exception page, no request header echoed). The Functions app's
/// HTTP functions and <c>loadops serve</c>'s route group (<see cref="LoadOpsRoutes.MapLoadOpsHttp"/>) both call it.
/// </summary>
public sealed partial class LoadOpsHttpHandlers(WebhookReceiver webhook, RunApi api, string? publicUrl, ILogger<LoadOpsHttpHandlers> logger)
{
    /// <summary>What a caller sees when a request fails unexpectedly; the failure itself is in the host's log.</summary>
    public const string FailureMessage = "LoadOps could not answer this request; the failure is in the app's log.";

    /// <summary>The answer to a GitHub delivery; <paramref name="source"/> names the endpoint in the log.</summary>
    public Task<ApiResponse> WebhookAsync(string source, HttpRequest request, CancellationToken cancellationToken) =>
        AnswerAsync(source, () => webhook.HandleAsync(HttpBinding.DeliveryHeaders(request), request.Body, request.ContentLength, cancellationToken));

    /// <summary>The answer to a run API call (<c>/api/runs...</c>); <paramref name="source"/> names the endpoint in the log.</summary>
    /// <remarks>
    /// The caller is authenticated first (<see cref="ApiAuthorization"/>: already by serve's route group policy, here
    /// in the Functions app), so a refused token never has its body read.
    /// </remarks>
    public Task<ApiResponse> RunApiAsync(string source, HttpRequest request, CancellationToken cancellationToken) =>
        AnswerAsync(source, async () =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var (caller, refusal) = await ApiAuthorization.AuthenticateAsync(request.HttpContext);
            if (caller is null)
                return refusal!;
            return await HttpBinding.ReadApiRequestAsync(request, publicUrl, cancellationToken) is { } call
                ? await api.HandleAsync(call with { Caller = caller }, cancellationToken)
                : RunApi.TooLarge();
        });

    private async Task<ApiResponse> AnswerAsync(string source, Func<Task<ApiResponse>> work)
    {
        ApiResponse response;
        try
        {
            response = await work();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Type and message only: the request (its headers, its body) is never logged.
            LogFailure(logger, e, source);
            response = ApiResponse.Error(StatusCodes.Status500InternalServerError, FailureMessage);
        }
        if (response.LogNote is { } note)
            LogNote(logger, source, response.StatusCode, note);
        return response;
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "{Function} answered {Status}: {Note}")]
    private static partial void LogNote(ILogger logger, string function, int status, string note);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error, Message = "{Function} failed; answered 500")]
    private static partial void LogFailure(ILogger logger, Exception exception, string function);
}
