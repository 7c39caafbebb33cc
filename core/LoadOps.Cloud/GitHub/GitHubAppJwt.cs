using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace LoadOps.Cloud.GitHub;

/// <summary>
/// The JSON web token a GitHub App signs with its private key (RS256) to ask for installation tokens:
/// issued 60 s in the past (clock drift), valid 9 minutes (GitHub allows at most 10), issuer = the app id.
/// </summary>
public static class GitHubAppJwt
{
    public static string Create(string appId, RSA key, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(appId);
        ArgumentNullException.ThrowIfNull(key);
        var header = new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" };
        var payload = new JsonObject
        {
            ["iat"] = now.AddSeconds(-60).ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(9).ToUnixTimeSeconds(),
            ["iss"] = appId,
        };
        var signingInput = $"{Encode(header.ToJsonString())}.{Encode(payload.ToJsonString())}";
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(signature)}";
    }

    /// <summary>Reads a PEM private key (PKCS#1 "RSA PRIVATE KEY", as GitHub hands it out, or PKCS#8).</summary>
    public static RSA ImportKey(string pem)
    {
        var key = RSA.Create();
        try
        {
            key.ImportFromPem(pem);
            return key;
        }
        catch (ArgumentException)
        {
            key.Dispose();
            // The message of the original exception may quote the key's text: say what is wrong without it.
            throw new InvalidOperationException("The GitHub App private key is not a PEM RSA private key (expected '-----BEGIN RSA PRIVATE KEY-----').");
        }
    }

    private static string Encode(string json) => Base64Url(Encoding.UTF8.GetBytes(json));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
