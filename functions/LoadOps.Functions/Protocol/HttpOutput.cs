using System.Text.Json.Serialization;

namespace LoadOps.Functions.Protocol;

/// <summary>The value of an <c>http</c> output binding: the response the host sends to the HTTP caller.</summary>
public sealed record HttpOutput(
    [property: JsonPropertyName("statusCode")] int StatusCode,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string> Headers)
{
    public static HttpOutput Text(int statusCode, string body) =>
        new(statusCode, body, new Dictionary<string, string> { ["Content-Type"] = "text/plain; charset=utf-8" });

    public static HttpOutput Json(int statusCode, string json) =>
        new(statusCode, json, new Dictionary<string, string> { ["Content-Type"] = "application/json" });
}
