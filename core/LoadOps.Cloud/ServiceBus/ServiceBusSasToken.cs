using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace LoadOps.Cloud.ServiceBus;

/// <summary>
/// A Service Bus shared access signature: <c>SharedAccessSignature sr={resource}&amp;sig={signature}&amp;se={expiry}&amp;skn={keyName}</c>,
/// where the signature is HMAC-SHA256, keyed with the rule's key (its UTF-8 text, as the service and its SDKs use it),
/// over the URL-encoded resource URI, a line feed and the expiry in Unix seconds. Every value in the token is URL-encoded.
/// </summary>
public static class ServiceBusSasToken
{
    public static string Create(Uri resource, string keyName, string key, DateTimeOffset expiresOn)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentException.ThrowIfNullOrEmpty(keyName);
        ArgumentException.ThrowIfNullOrEmpty(key);
        // Assumption (as the service's SDKs do it): the resource is the entity URI without query, scheme https, and the
        // encoding is WebUtility.UrlEncode (upper-case escapes); the service checks the signature over the sr it receives.
        var encodedResource = WebUtility.UrlEncode(ResourceOf(resource));
        var expiry = expiresOn.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(encodedResource + "\n" + expiry)));
        return $"SharedAccessSignature sr={encodedResource}&sig={WebUtility.UrlEncode(signature)}&se={expiry}&skn={WebUtility.UrlEncode(keyName)}";
    }

    /// <summary>The URI a token is signed for: the entity (namespace + queue path), without query or trailing slash.</summary>
    public static string ResourceOf(Uri resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }
}
