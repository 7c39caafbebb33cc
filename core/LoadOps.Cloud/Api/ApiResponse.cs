using System.Text.Json;
using LoadOps.Core.Serialization;

namespace LoadOps.Cloud.Api;

/// <summary>
/// An answer of the LoadOps API. <see cref="LogNote"/> is a sentence for the host's log (null: nothing worth logging);
/// it never holds a token, a secret or a request body.
/// </summary>
public sealed record ApiResponse(int StatusCode, string ContentType, string Body)
{
    public const string JsonType = "application/json; charset=utf-8";
    public const string TextType = "text/plain; charset=utf-8";

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public string? LogNote { get; init; }

    public static ApiResponse Json<T>(int statusCode, T value) => new(statusCode, JsonType, JsonSerializer.Serialize(value, LoadOpsJson.Compact));

    /// <summary>A refusal or failure as <c>{"error": "..."}</c>: one sentence saying what is wrong and how to fix it.</summary>
    public static ApiResponse Error(int statusCode, string message) => Json(statusCode, new ApiError(message));

    public static ApiResponse Text(int statusCode, string text) => new(statusCode, TextType, text);
}
