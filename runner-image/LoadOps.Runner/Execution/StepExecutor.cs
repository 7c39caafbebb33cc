using System.Globalization;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text;
using LoadOps.Core.Results;
using LoadOps.Runner.Http;
using LoadOps.Runner.Recording;

namespace LoadOps.Runner.Execution;

/// <summary>
/// Renders one step's request (or WebSocket message) for a virtual user, sends it, checks the response and classifies
/// how it ended.
/// </summary>
internal sealed class StepExecutor(IHttpTransport transport, PreparedShard shard, TemplateRenderer renderer, RunnerConsole console) : IDisposable
{
    // Made once, only when a step needs it: one handler serves every virtual user's handshakes.
    private readonly WebSocketExchange? _sockets = shard.Steps.Concat(shard.Setup).Concat(shard.Teardown).Any(s => s.Send is not null)
        ? new WebSocketExchange(shard.Tls)
        : null;

    public void Dispose() => _sockets?.Dispose();

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<StepOutcome> ExecuteAsync(PreparedStep step, VirtualUser user, CancellationToken abort)
    {
        user.MissingVariable = null;
        var uri = step.FixedUri ?? shard.Target.Resolve(renderer.Render(step.Path, user));
        if (uri is null)
            return Fail(step, Outcome.Other, ErrorKinds.Other, "the rendered path leaves the target's baseUrl; the request was not sent", 0);
        user.Headers.Clear();
        foreach (var (name, value) in step.Headers)
            user.Headers.Add((name, renderer.Render(value, user)));
        var body = step.Json is not null ? step.Json.Render(renderer, user)
            : step.Send is not null ? Encoding.UTF8.GetBytes(renderer.Render(step.Send, user))
            : step.Body is not null ? Encoding.UTF8.GetBytes(renderer.Render(step.Body, user))
            : null;
        if (user.MissingVariable is { } missing)
            return Fail(step, Outcome.Other, ErrorKinds.Other, $"variable '{missing}' has no value yet (no earlier step extracted it); the request was not sent", 0);

        try
        {
            if (step.Send is not null)
                return await ExchangeAsync(step, uri, body!, user, user.StartTimeout(step.Timeout));
            var response = await transport.SendAsync(step, uri, body, user, abort);
            if (!step.Checks.StatusAccepted(response.Status))
                return Fail(step, Outcome.Status, ErrorKinds.Status, string.Create(CultureInfo.InvariantCulture, $"status {response.Status}"), response.BytesSent, response.BytesReceived, response.Status);
            return step.Checks.Apply(user.Buffer.AsMemory(0, response.BodyLength), response.Header, user) is { } failed
                ? Fail(step, Outcome.Check, ErrorKinds.Check(failed.Check), failed.Message, response.BytesSent, response.BytesReceived, response.Status)
                : new StepOutcome(Outcome.Ok, response.BytesSent, response.BytesReceived) { Status = response.Status };
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return StepOutcome.Aborted;
        }
        catch (OperationCanceledException)
        {
            return Fail(step, Outcome.Timeout, ErrorKinds.Timeout, string.Create(CultureInfo.InvariantCulture, $"no complete response within {step.Timeout.TotalMilliseconds:0} ms"), body?.Length ?? 0);
        }
        catch (WebSocketExchange.HandshakeRefusedException e)
        {
            return Fail(step, Outcome.Status, ErrorKinds.Status, e.Message, 0, 0, e.Status);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException or InvalidOperationException or WebSocketException)
        {
            var (outcome, kind) = FailureClassifier.Classify(e);
            // A WebSocket handshake wraps the reason (refused, egress refused) in a generic "unable to connect".
            var reason = e is WebSocketException ? e.GetBaseException().Message : e.Message;
            var message = outcome == Outcome.Connect ? $"cannot connect: {reason}" : reason;
            return Fail(step, outcome, kind, message, outcome == Outcome.Connect ? 0 : body?.Length ?? 0);
        }
    }

    private async ValueTask<StepOutcome> ExchangeAsync(PreparedStep step, Uri uri, byte[] message, VirtualUser user, CancellationToken token)
    {
        var (length, sent, received) = await _sockets!.ExchangeAsync(WebSocketExchange.SocketUri(uri), message, user, token);
        return step.Checks.Apply(user.Buffer.AsMemory(0, length), null, user) is { } failed
            ? Fail(step, Outcome.Check, ErrorKinds.Check(failed.Check), failed.Message, sent, received)
            : new StepOutcome(Outcome.Ok, sent, received);
    }

    private StepOutcome Fail(PreparedStep step, Outcome outcome, string kind, string message, long sent, long received = 0, int status = 0)
    {
        console.FirstFailure(step, kind, message);
        return new StepOutcome(outcome, sent, received) { Status = status, ErrorKind = kind, Message = message };
    }
}

/// <summary>
/// How a step ended and what it moved; <see cref="Aborted"/> means the run was torn down mid-request and nothing is
/// recorded. A failure names its <see cref="ErrorKinds"/> kind and carries its unmasked message (masked when kept).
/// </summary>
internal readonly record struct StepOutcome(Outcome Kind, long Sent, long Received, bool WasAborted = false)
{
    public static StepOutcome Aborted { get; } = new(Outcome.Other, 0, 0, true);

    /// <summary>The response's status code; 0 when none arrived.</summary>
    public int Status { get; init; }

    public string? ErrorKind { get; init; }

    public string? Message { get; init; }
}
