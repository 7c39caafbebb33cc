using System.Net.Http.Headers;
using LoadOps.Runner.Execution;

namespace LoadOps.Runner.Http;

/// <summary>The default transport: HttpClient, response headers first, the body read by hand into a pooled buffer.</summary>
internal sealed class HttpClientTransport(HttpClient client) : IHttpTransport
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json") { CharSet = "utf-8" };

    public async ValueTask<TransportResponse> SendAsync(PreparedStep step, Uri uri, byte[]? body, VirtualUser user, CancellationToken abort)
    {
        var cancellationToken = user.StartTimeout(step.Timeout);
        using var request = new HttpRequestMessage(step.Method, uri) { Version = client.DefaultRequestVersion, VersionPolicy = client.DefaultVersionPolicy };
        long sent = step.HeaderBytesEstimate;
        foreach (var (name, value) in user.Headers)
            request.Headers.TryAddWithoutValidation(name, value);
        if (!UserAgent.IsSet(user.Headers))
            request.Headers.TryAddWithoutValidation(UserAgent.HeaderName, UserAgent.Value);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (step.Json is not null)
                request.Content.Headers.ContentType = JsonType;
            sent += body.Length;
        }
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var length = await ReadBodyAsync(response, user, step.Checks.NeedsBody, cancellationToken);
        Func<string, string?>? header = null;
        if (step.Checks.NeedsHeaders)
        {
            var copy = response.Headers.Concat(response.Content.Headers)
                .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
            header = name => copy.GetValueOrDefault(name);
        }
        return new TransportResponse((int)response.StatusCode, step.Checks.NeedsBody ? length : 0, sent, length + EstimateHeaderBytes(response), header);
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

    private static long EstimateHeaderBytes(HttpResponseMessage response)
    {
        long bytes = 17;
        foreach (var header in response.Headers.NonValidated)
            bytes += header.Key.Length + 4 + header.Value.ToString().Length;
        foreach (var header in response.Content.Headers.NonValidated)
            bytes += header.Key.Length + 4 + header.Value.ToString().Length;
        return bytes;
    }

    public void Dispose() => client.Dispose();
}
