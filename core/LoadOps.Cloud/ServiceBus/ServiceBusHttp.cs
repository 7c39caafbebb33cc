using System.Net;

namespace LoadOps.Cloud.ServiceBus;

/// <summary>
/// Sends one REST request to a queue with a fresh Authorization header per attempt, and turns the answer into success
/// or a <see cref="ServiceBusException"/> that says what happened. Retries 429 and 503 after Retry-After (capped), other
/// 5xx, timeouts and connection errors with exponential back-off, up to <c>maxAttempts</c>; never retries 4xx.
/// </summary>
internal sealed class ServiceBusHttp(
    HttpClient http, ServiceBusCredential credential, TimeProvider clock, int maxAttempts, Uri entity, string queue, TimeSpan requestTimeout)
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(60);

    public async Task<HttpResponseMessage> SendAsync(ServiceBusOperation operation, Func<HttpRequestMessage> build, TimeSpan serverWait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        string last = "";
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(serverWait + requestTimeout);
            try
            {
                using var request = build();
                request.Headers.TryAddWithoutValidation("Authorization", await credential.AuthorizationAsync(entity, cancellationToken));
                var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                    return response;
                var text = await ReadErrorAsync(response, timeout.Token);
                retryAfter = RetryAfter(response);
                response.Dispose();
                var failure = Classify(operation, response.StatusCode);
                last = $"{status} {response.ReasonPhrase}{text}";
                if (failure != ServiceBusFailure.Unavailable)
                    throw new ServiceBusException(failure, Describe(operation, failure, last), status);
            }
            catch (HttpRequestException e)
            {
                last = "connection failed: " + e.Message;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = $"no answer within {(serverWait + requestTimeout).TotalSeconds:0.#} s";
            }

            if (attempt >= maxAttempts)
                throw new ServiceBusException(ServiceBusFailure.Unavailable,
                    $"Service Bus {operation} on queue '{queue}' failed {attempt} times; last: {last}. The service is busy or unreachable: try again later.");
            await Task.Delay(retryAfter ?? Backoff(attempt), clock, cancellationToken);
        }
    }

    /// <summary>
    /// Assumption from the REST reference: on a lock (complete/abandon/renew) 404 means the message or lock token is gone,
    /// 410 that the lock expired, and 409 is treated alike; on send and receive 404/410 mean no such queue.
    /// </summary>
    internal static ServiceBusFailure Classify(ServiceBusOperation operation, HttpStatusCode status)
    {
        var onLock = operation is ServiceBusOperation.Complete or ServiceBusOperation.Abandon or ServiceBusOperation.RenewLock;
        return (int)status switch
        {
            401 or 403 => ServiceBusFailure.Unauthorized,
            404 or 409 or 410 when onLock => ServiceBusFailure.LockLost,
            404 or 410 => ServiceBusFailure.NotFound,
            408 or 429 or >= 500 => ServiceBusFailure.Unavailable,
            _ => ServiceBusFailure.Rejected,
        };
    }

    private string Describe(ServiceBusOperation operation, ServiceBusFailure failure, string answer) => failure switch
    {
        ServiceBusFailure.Unauthorized =>
            $"Service Bus refused {operation} on queue '{queue}' ({answer}): check the key name and key (or the identity's role: " +
            $"{(operation == ServiceBusOperation.Send ? "Send / Data Sender" : "Listen / Data Receiver")}) and that the clock is right.",
        ServiceBusFailure.NotFound => $"Service Bus queue '{queue}' was not found at {entity.Host} ({answer}): check the namespace and queue name.",
        ServiceBusFailure.LockLost =>
            $"Service Bus {operation} on queue '{queue}': the message lock was lost ({answer}); the message will be (or was) delivered again.",
        _ => $"Service Bus refused {operation} on queue '{queue}': {answer}.",
    };

    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            text = text.Length > 300 ? text[..300] + "…" : text;
            return string.IsNullOrWhiteSpace(text) ? "" : " — " + text.ReplaceLineEndings(" ");
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        var delay = header?.Delta ?? (header?.Date is { } date ? date - clock.GetUtcNow() : null);
        if (delay is null)
            return null;
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > MaxRetryAfter ? MaxRetryAfter : delay;
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(Math.Min(250 * Math.Pow(2, attempt - 1), 8_000));
}
