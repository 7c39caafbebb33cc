using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LoadOps.Cloud.Api;
using LoadOps.Core.Serialization;

namespace LoadOps.Cli.Gate;

/// <summary>
/// The run API seen from CI. The token goes in the Authorization header only; no message this class makes contains it
/// (server answers are quoted, and the API never echoes a token).
/// </summary>
internal sealed class GateClient(HttpClient http, Uri baseUrl, string token)
{
    public Task<GateCallResult<StartRunAccepted>> StartAsync(StartRunBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var json = JsonSerializer.Serialize(new { body.Repository, body.Commit, body.Branch, body.Test, body.PullRequest }, LoadOpsJson.Compact);
        return SendAsync<StartRunAccepted>(HttpMethod.Post, RunApi.RunsPath, new StringContent(json, Encoding.UTF8, "application/json"), cancellationToken);
    }

    public async Task<GateCallResult<RunView>> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        var result = await SendAsync<RunView>(HttpMethod.Get, $"{RunApi.RunsPath}/{Uri.EscapeDataString(runId)}", null, cancellationToken);
        return result.Value is { } view ? result with { Value = Absolute(view) } : result;
    }

    public async Task<GateCallResult<RunList>> ListByCommitAsync(string repository, string commit, CancellationToken cancellationToken)
    {
        var result = await SendAsync<RunList>(HttpMethod.Get, $"{RunApi.RunsPath}?repository={Uri.EscapeDataString(repository)}&commit={Uri.EscapeDataString(commit)}", null, cancellationToken);
        return result.Value is { } list ? result with { Value = list with { Runs = [.. list.Runs.Select(Absolute)] } } : result;
    }

    /// <summary>The API answers relative links unless it knows its public URL: resolve them against the URL the gate called.</summary>
    private RunView Absolute(RunView view) => view with { ReportUrl = Absolute(view.ReportUrl), StatusUrl = Absolute(view.StatusUrl) ?? "" };

    private string? Absolute(string? link) =>
        link is null || Uri.IsWellFormedUriString(link, UriKind.Absolute) ? link : new Uri(baseUrl, link).ToString();

    /// <summary>A report's text, or null when it cannot be had (the gate then writes its own summary of the run).</summary>
    public async Task<string?> GetReportAsync(string runId, string fileName, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Get, $"{RunApi.RunsPath}/{Uri.EscapeDataString(runId)}/{fileName}", null);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync(cancellationToken) : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task<GateCallResult<T>> SendAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
        where T : class
    {
        using var request = Request(method, path, content);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError)
        {
            return new(null, GateCallProblem.Unreachable, $"cannot reach {baseUrl.GetLeftPart(UriPartial.Authority)}: {e.Message}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new(null, GateCallProblem.Transient, $"{method} {path}: {e.Message}");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return JsonSerializer.Deserialize<T>(text, LoadOpsJson.Options) is { } value
                        ? GateCallResult<T>.Ok(value)
                        : new(null, GateCallProblem.Transient, $"{method} {path}: empty answer");
                }
                catch (JsonException)
                {
                    return new(null, GateCallProblem.Refused, $"{method} {path} answered {(int)response.StatusCode} with something that is not the LoadOps API's JSON; is --url the LoadOps Functions app?");
                }
            }
            var problem = response.StatusCode switch
            {
                HttpStatusCode.NotFound => GateCallProblem.NotFound,
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest or HttpStatusCode.MethodNotAllowed => GateCallProblem.Refused,
                _ => GateCallProblem.Transient,
            };
            return new(null, problem, $"{method} {path} answered {(int)response.StatusCode}: {ErrorText(text)}");
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, new Uri(baseUrl, path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("loadops-gate", "1"));
        return request;
    }

    /// <summary>The API's <c>{"error": ...}</c> sentence, or the start of whatever else came back.</summary>
    private static string ErrorText(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
                return error.GetString() ?? "";
        }
        catch (JsonException)
        {
            // Not the API's JSON: show the text itself, shortened.
        }
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length == 0 ? "(no body)" : line.Length > 200 ? line[..200] + "…" : line;
    }
}
