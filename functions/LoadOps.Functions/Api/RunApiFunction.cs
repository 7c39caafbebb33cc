using LoadOps.Cloud.Api;
using LoadOps.Functions.Hosting;
using LoadOps.Functions.Protocol;
using Microsoft.Extensions.Options;

namespace LoadOps.Functions.Api;

/// <summary>
/// The run API's functions when the host sends the invocation payload instead of forwarding the request (forwarding
/// off): binds the <c>req</c> trigger value, calls <see cref="RunApi"/>, answers on the <c>res</c> output binding.
/// </summary>
public sealed class RunApiFunction(string name, RunApi api, IOptions<ApiOptions> options) : IFunction
{
    public const string TriggerBinding = "req";
    public const string OutputBinding = "res";

    /// <summary>The function folders of the run API: <c>runs</c> (GET, POST runs), <c>run</c> (GET runs/{runId}), <c>runreport</c> (GET runs/{runId}/{report}).</summary>
    public static IReadOnlyList<string> Names { get; } = ["runs", "run", "runreport"];

    public string Name => name;

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Data.TryGetValue(TriggerBinding, out var data) || !HttpTriggerRequest.TryRead(data, out var http))
            throw new FunctionFailure($"{Name}: the invocation has no '{TriggerBinding}' HTTP trigger value; check function.json.");
        if (!Uri.TryCreate(http.Url, UriKind.Absolute, out var url))
            throw new FunctionFailure($"{Name}: the trigger's Url is not an absolute URL.");

        var baseUrl = string.IsNullOrWhiteSpace(options.Value.PublicUrl) ? url.GetLeftPart(UriPartial.Authority) : options.Value.PublicUrl.TrimEnd('/');
        var response = await api.HandleAsync(new ApiRequest(http.Method, url.AbsolutePath, baseUrl)
        {
            Query = http.Query,
            Authorization = http.Header("Authorization"),
            Body = http.Body,
        }, cancellationToken);

        var headers = new Dictionary<string, string>(response.Headers) { ["Content-Type"] = response.ContentType };
        return new InvocationResponse
        {
            Outputs = new Dictionary<string, object?> { [OutputBinding] = new HttpOutput(response.StatusCode, response.Body, headers) },
            Logs = response.LogNote is null ? [] : [response.LogNote],
        };
    }
}
