using System.Collections.Concurrent;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoadOps.Runner.Tests.Telemetry;

/// <summary>
/// An OTLP/HTTP (protobuf) receiver on a free loopback port: takes <c>/v1/metrics</c> and <c>/v1/traces</c> posts as
/// a collector would (200, empty body) and keeps each payload, read by <see cref="ProtoFields"/>. A stand-in: no
/// OpenTelemetry Collector can be installed here (no Debian, npm or NuGet package of one).
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Path, ProtoFields Body)> _received = new();

    private OtlpReceiver(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<OtlpReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        OtlpReceiver? receiver = null;
        app.MapPost("/v1/{signal}", async (HttpContext context, string signal) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            receiver!._received.Enqueue((signal, new ProtoFields(ByteString.CopyFrom(body.ToArray()))));
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver = new OtlpReceiver(app, address.TrimEnd('/'));
        return receiver;
    }

    /// <summary>Every metric data point received, in arrival order (export requests are cumulative).</summary>
    public IReadOnlyList<ReceivedPoint> MetricPoints() =>
        Payloads("metrics").SelectMany((request, exportIndex) => ReceivedPoint.Read(request, exportIndex)).ToList();

    /// <summary>Every span received: name, attributes and the instrumentation scope it came from.</summary>
    public IReadOnlyList<ReceivedSpan> Spans() => Payloads("traces")
        .SelectMany(request => request.Messages(1))
        .SelectMany(resourceSpans => resourceSpans.Messages(2))
        .SelectMany(scopeSpans => scopeSpans.Messages(2).Select(span =>
            new ReceivedSpan(scopeSpans.Message(1)?.Text(1) ?? "", span.Text(5) ?? "", span.Attributes(9))))
        .ToList();

    private IEnumerable<ProtoFields> Payloads(string signal) => _received.Where(r => r.Path == signal).Select(r => r.Body);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}
