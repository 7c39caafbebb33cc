using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace LoadOps.Cloud.Ecs;

/// <summary>
/// Temporary credentials of the launcher role from STS <c>AssumeRole</c> (with the external id the CloudFormation stack
/// requires), signed with the long-lived keys of the one principal allowed to assume it. Cached until five minutes
/// before they expire.
/// </summary>
public sealed class AssumeRoleCredentialSource(
    HttpClient http, IAwsCredentialSource principal, string roleArn, string? externalId, string region, TimeProvider clock, Uri? endpoint = null)
    : IAwsCredentialSource
{
    private static readonly XNamespace Sts = "https://sts.amazonaws.com/doc/2011-06-15/";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (AwsCredentials Credentials, DateTimeOffset Expires)? _cached;

    private Uri Endpoint => endpoint ?? new Uri($"https://sts.{region}.amazonaws.com/");

    public async ValueTask<AwsCredentials> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_cached is { } cached && clock.GetUtcNow() < cached.Expires - TimeSpan.FromMinutes(5))
                return cached.Credentials;
            var fresh = await AssumeAsync(cancellationToken);
            _cached = fresh;
            return fresh.Credentials;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<(AwsCredentials Credentials, DateTimeOffset Expires)> AssumeAsync(CancellationToken cancellationToken)
    {
        var form = "Action=AssumeRole&Version=2011-06-15&DurationSeconds=3600&RoleSessionName=loadops-launcher" +
            "&RoleArn=" + Uri.EscapeDataString(roleArn) + (string.IsNullOrEmpty(externalId) ? "" : "&ExternalId=" + Uri.EscapeDataString(externalId));
        var payload = Encoding.UTF8.GetBytes(form);
        var signer = await principal.GetAsync(cancellationToken);
        var amzDate = SigV4Signer.AmzDate(clock.GetUtcNow());
        const string contentType = "application/x-www-form-urlencoded; charset=utf-8";
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(payload) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("X-Amz-Date", amzDate);
        List<KeyValuePair<string, string>> signed = [new("host", Endpoint.Authority), new("content-type", contentType), new("x-amz-date", amzDate)];
        if (signer.SessionToken is not null)
        {
            request.Headers.Add("X-Amz-Security-Token", signer.SessionToken);
            signed.Add(new("x-amz-security-token", signer.SessionToken));
        }
        var signing = new SigningRequest("POST", Endpoint.AbsolutePath, "", signed, SigV4Signer.PayloadHash(payload));
        request.Headers.TryAddWithoutValidation("Authorization", SigV4Signer.Authorization(signing, signer, region, "sts", amzDate));

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            var document = XDocument.Parse(text);
            if (!response.IsSuccessStatusCode)
            {
                // Some STS errors (and proxies in front of it) come without the XML namespace: match by local name.
                var code = Element(document, "Code") ?? $"Http{(int)response.StatusCode}";
                var message = Element(document, "Message") ?? "no message";
                throw new EcsException(code, $"STS AssumeRole of {roleArn} was refused: {message}", (int)response.StatusCode);
            }
            var credentials = document.Descendants(Sts + "Credentials").Single();
            string Read(string name) => credentials.Element(Sts + name)?.Value ?? throw new FormatException($"no {name}");
            var expires = DateTimeOffset.Parse(Read("Expiration"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            return (new AwsCredentials(Read("AccessKeyId"), Read("SecretAccessKey"), Read("SessionToken")), expires);
        }
        catch (Exception e) when (e is XmlException or FormatException or InvalidOperationException)
        {
            throw new EcsException("MalformedResponse", $"STS AssumeRole answered {(int)response.StatusCode} with an unreadable body: {e.Message}", (int)response.StatusCode);
        }
    }

    private static string? Element(XDocument document, string localName) =>
        document.Descendants().FirstOrDefault(e => e.Name.LocalName == localName)?.Value;
}
