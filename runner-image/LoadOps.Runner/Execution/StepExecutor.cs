using System.Net.Http.Headers;
using System.Net.Sockets;
using LoadOps.Runner.Recording;

namespace LoadOps.Runner.Execution;

/// <summary>Sends one step's request for a virtual user, reads the response and classifies how it ended.</summary>
internal sealed class StepExecutor(HttpClient client, PreparedShard shard, TemplateRenderer renderer, RunnerConsole console)
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    public async ValueTask<StepOutcome> ExecuteAsync(PreparedStep step, VirtualUser user, CancellationToken abort)
    {
        user.MissingVariable = null;
        var uri = step.FixedUri ?? shard.Target.Resolve(renderer.Render(step.Path, user));
        if (uri is null)
            return Fail(step, Outcome.Other, "the rendered path leaves the target's baseUrl; the request was not sent", 0);

        using var request = new HttpRequestMessage(step.Method, uri);
        long sent = step.HeaderBytesEstimate;
        foreach (var (name, value) in step.Headers)
            request.Headers.TryAddWithoutValidation(name, renderer.Render(value, user));
        if (step.Json is not null)
        {
            var bytes = step.Json.Render(renderer, user);
            request.Content = new ByteArrayContent(bytes) { Headers = { ContentType = JsonType } };
            sent += bytes.Length;
        }
        else if (step.Body is not null)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(renderer.Render(step.Body, user));
            request.Content = new ByteArrayContent(bytes);
            sent += bytes.Length;
        }
        if (user.MissingVariable is { } missing)
            return Fail(step, Outcome.Other, $"variable '{missing}' has no value yet (no earlier step extracted it); the request was not sent", 0);

        var token = user.StartTimeout(step.Timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            var length = await ReadBodyAsync(response, user, step.Checks.NeedsBody, token);
            var received = length + EstimateHeaderBytes(response);
            var status = (int)response.StatusCode;
            if (!step.Checks.StatusAccepted(status))
                return Fail(step, Outcome.Status, $"status {status}", sent, received);
            var problem = step.Checks.Apply(user.Buffer.AsMemory(0, step.Checks.NeedsBody ? length : 0), response.Headers, response.Content.Headers, user);
            return problem is null ? new StepOutcome(Outcome.Ok, sent, received) : Fail(step, Outcome.Check, problem, sent, received);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            return StepOutcome.Aborted;
        }
        catch (OperationCanceledException)
        {
            return Fail(step, Outcome.Timeout, $"no complete response within {step.Timeout.TotalMilliseconds:0} ms", sent);
        }
        catch (HttpRequestException e) when (IsConnectFailure(e))
        {
            return Fail(step, Outcome.Connect, $"cannot connect: {e.Message}", 0);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException or InvalidOperationException)
        {
            return Fail(step, Outcome.Other, e.Message, sent);
        }
    }

    private static async ValueTask<int> ReadBodyAsync(HttpResponseMessage response, VirtualUser user, bool keep, CancellationToken token)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(token);
        var total = 0;
        var used = 0;
        while (true)
        {
            if (keep && used == user.Buffer.Length)
                user.GrowBuffer(used);
            var read = await stream.ReadAsync(user.Buffer.AsMemory(used), token);
            if (read == 0)
                return keep ? used : total;
            total += read;
            if (keep)
                used += read;
        }
    }

    private static bool IsConnectFailure(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError ||
        e.InnerException is SocketException;

    private static long EstimateHeaderBytes(HttpResponseMessage response)
    {
        long bytes = 17;
        foreach (var header in response.Headers.NonValidated)
            bytes += header.Key.Length + 4 + header.Value.ToString().Length;
        foreach (var header in response.Content.Headers.NonValidated)
            bytes += header.Key.Length + 4 + header.Value.ToString().Length;
        return bytes;
    }

    private StepOutcome Fail(PreparedStep step, Outcome kind, string message, long sent, long received = 0)
    {
        console.FirstFailure(step, kind, message);
        return new StepOutcome(kind, sent, received);
    }
}

/// <summary>How a step ended and what it moved; <see cref="Aborted"/> means the run was torn down mid-request and nothing is recorded.</summary>
internal readonly record struct StepOutcome(Outcome Kind, long Sent, long Received, bool WasAborted = false)
{
    public static StepOutcome Aborted { get; } = new(Outcome.Other, 0, 0, true);
}
