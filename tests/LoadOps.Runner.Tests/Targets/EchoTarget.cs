using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoadOps.Runner.Tests.Targets;

/// <summary>
/// A real Kestrel server on a free loopback port, for outcomes the sample shop does not produce: <c>/status/{code}</c>
/// answers with that code; <c>/echo</c> returns the <c>X-Token</c> request header as JSON, raw (JSON-escaped by the
/// serializer), URL-encoded and base64, as a careless target would. With <c>https</c> it serves a fresh self-signed
/// certificate for <c>localhost</c>.
/// </summary>
public sealed class EchoTarget : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoTarget(WebApplication app, string baseUrl, X509Certificate2? certificate)
    {
        _app = app;
        BaseUrl = baseUrl;
        Certificate = certificate;
    }

    public string BaseUrl { get; }

    /// <summary>The self-signed certificate served over https; null for http.</summary>
    public X509Certificate2? Certificate { get; }

    public static async Task<EchoTarget> StartAsync(bool https = false)
    {
        var certificate = https ? SelfSigned() : null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1AndHttp2;
            if (certificate is not null)
                listen.UseHttps(certificate);
        }));
        var app = builder.Build();
        app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
        app.MapGet("/protocol", (HttpRequest request) => Results.Text(request.Protocol));
        app.MapGet("/user-agent", (HttpRequest request) => Results.Text(request.Headers.UserAgent.ToString()));
        app.MapGet("/echo", (HttpRequest request) =>
        {
            var token = request.Headers["X-Token"].ToString();
            return Results.Json(new { raw = token, url = Uri.EscapeDataString(token), b64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(token)) });
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var port = new Uri(address).Port;
        var baseUrl = https ? $"https://localhost:{port}" : $"http://127.0.0.1:{port}";
        return new EchoTarget(app, baseUrl, certificate);
    }

    /// <summary>Writes the certificate (public part, PEM) into <paramref name="directory"/> for <c>target.tls.caFile</c>.</summary>
    public string WriteCertificate(string directory)
    {
        var path = Path.Combine(directory, "target-ca.pem");
        File.WriteAllText(path, Certificate!.ExportCertificatePem());
        return path;
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        Certificate?.Dispose();
    }
}
