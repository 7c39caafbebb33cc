using System.Net;
using System.Text;

namespace LoadOps.Cloud.ServiceBus;

/// <summary>
/// One Service Bus queue over the REST API (the SDK cannot be used here):
/// send <c>POST {ns}/{queue}/messages</c> (201), peek-lock receive <c>POST {ns}/{queue}/messages/head?timeout=N</c> (201 with
/// a message, 204 when none arrived within N seconds), and on <c>{ns}/{queue}/messages/{messageId}/{lockToken}</c>:
/// complete <c>DELETE</c>, abandon <c>PUT</c>, renew lock <c>POST</c> (200 each). Transient failures (429/503 with
/// Retry-After, other 5xx, timeouts, connection errors) are retried a few times by <see cref="ServiceBusHttp"/>.
/// </summary>
public sealed class ServiceBusQueueClient
{
    private const string JsonType = "application/json";
    private readonly ServiceBusHttp _http;
    private readonly Uri _entity;

    /// <param name="namespaceUri">e.g. <c>https://myns.servicebus.windows.net/</c> (http only for a loopback stub).</param>
    /// <param name="requestTimeout">How long one attempt may take beyond a receive's wait (default 30 s).</param>
    public ServiceBusQueueClient(HttpClient http, Uri namespaceUri, string queue, ServiceBusCredential credential, TimeProvider clock, int maxAttempts = 4, TimeSpan? requestTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(namespaceUri);
        ArgumentException.ThrowIfNullOrWhiteSpace(queue);
        if (!namespaceUri.IsAbsoluteUri || (namespaceUri.Scheme != Uri.UriSchemeHttps && !(namespaceUri.Scheme == Uri.UriSchemeHttp && namespaceUri.IsLoopback)))
            throw new ArgumentException("A Service Bus namespace URI must be https:// (http only for 127.0.0.1).", nameof(namespaceUri));
        Queue = queue;
        _entity = new Uri(new Uri(namespaceUri.GetLeftPart(UriPartial.Authority) + "/"), Uri.EscapeDataString(queue));
        _http = new ServiceBusHttp(http, credential, clock, maxAttempts, _entity, queue, requestTimeout ?? TimeSpan.FromSeconds(30));
    }

    public string Queue { get; }

    /// <summary>
    /// Sends a JSON body. With <paramref name="messageId"/> a retried send is recognisable (duplicate detection); an
    /// unreceived message expires after <paramref name="timeToLive"/> (the queue's default when null).
    /// </summary>
    public async Task SendAsync(string body, string? messageId, TimeSpan? timeToLive, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var _ = await _http.SendAsync(ServiceBusOperation.Send, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, Messages()) { Content = new StringContent(body, Encoding.UTF8, JsonType) };
            if (messageId is not null || timeToLive is not null)
                request.Headers.TryAddWithoutValidation(BrokerProperties.Header, BrokerProperties.ForSend(messageId ?? Guid.NewGuid().ToString("N"), timeToLive));
            return request;
        }, TimeSpan.Zero, cancellationToken);
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> (whole seconds, at least 1) for a message and locks it; null when none came.
    /// If the answer is lost in transit the message stays locked until its lock expires and is then delivered again.
    /// </summary>
    public async Task<ServiceBusReceivedMessage?> ReceiveAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var seconds = Math.Clamp((int)Math.Ceiling(wait.TotalSeconds), 1, 230);
        using var response = await _http.SendAsync(ServiceBusOperation.Receive,
            () => new HttpRequestMessage(HttpMethod.Post, new Uri(Messages() + $"/head?timeout={seconds}")), TimeSpan.FromSeconds(seconds), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NoContent)
            return null;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var header = response.Headers.TryGetValues(BrokerProperties.Header, out var values) ? string.Join(",", values) : null;
        return BrokerProperties.Parse(header, body, Queue);
    }

    /// <summary>Removes a locked message: it was handled.</summary>
    public Task CompleteAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken) =>
        SettleAsync(ServiceBusOperation.Complete, HttpMethod.Delete, message, cancellationToken);

    /// <summary>Unlocks a message so it is delivered again (to any receiver) at once.</summary>
    public Task AbandonAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken) =>
        SettleAsync(ServiceBusOperation.Abandon, HttpMethod.Put, message, cancellationToken);

    /// <summary>Extends the lock by the queue's lock duration.</summary>
    public Task RenewLockAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken) =>
        SettleAsync(ServiceBusOperation.RenewLock, HttpMethod.Post, message, cancellationToken);

    private async Task SettleAsync(ServiceBusOperation operation, HttpMethod method, ServiceBusReceivedMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var uri = new Uri($"{Messages()}/{Uri.EscapeDataString(message.MessageId)}/{Uri.EscapeDataString(message.LockToken)}");
        using var _ = await _http.SendAsync(operation, () => new HttpRequestMessage(method, uri), TimeSpan.Zero, cancellationToken);
    }

    private string Messages() => _entity.AbsoluteUri + "/messages";
}
