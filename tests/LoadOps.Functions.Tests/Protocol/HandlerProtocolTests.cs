using System.Net;
using System.Text;
using System.Text.Json;
using LoadOps.Core.Pipeline;
using LoadOps.Functions.Hosting;
using LoadOps.Functions.Protocol;

namespace LoadOps.Functions.Tests.Protocol;

public sealed class HandlerProtocolTests
{
    /// <summary>Reads its queue message as a RunRequest and answers with it on an output binding.</summary>
    private sealed class EchoFunction : IFunction
    {
        public string Name => "echo";

        public Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken)
        {
            if (!QueueMessageReader.TryRead<RunRequest>(request.Data["message"], out var message, out var problem))
                throw new FunctionFailure(problem!);
            return Task.FromResult(new InvocationResponse
            {
                Outputs = new Dictionary<string, object?> { ["next"] = message!.Commit },
                Logs = [$"dequeue {request.DequeueCount}"],
                ReturnValue = message.Repository,
            });
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task A_queue_invocation_gets_outputs_logs_and_return_value()
    {
        await using var host = await HandlerHost.StartAsync(functions: new EchoFunction());
        var ct = TestContext.Current.CancellationToken;

        var response = await host.Client.PostAsync("/echo", Json(Payload.Text("queue_invocation.json")), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        Assert.Equal("0d1a26e", body.RootElement.GetProperty("Outputs").GetProperty("next").GetString());
        Assert.Equal("dequeue 2", body.RootElement.GetProperty("Logs")[0].GetString());
        Assert.Equal("octo-org/shop", body.RootElement.GetProperty("ReturnValue").GetString());
    }

    [Fact]
    public async Task A_message_the_function_cannot_read_gets_500_so_the_host_retries_then_poisons()
    {
        await using var host = await HandlerHost.StartAsync(functions: new EchoFunction());
        var ct = TestContext.Current.CancellationToken;

        var response = await host.Client.PostAsync("/echo", Json("""{"Data":{"message":"not json at all"},"Metadata":{}}"""), ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("RunRequest", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/nope", """{"Data":{},"Metadata":{}}""", HttpStatusCode.NotFound)]
    [InlineData("/echo", """{"Data": [1, 2""", HttpStatusCode.BadRequest)]
    [InlineData("/echo", "null", HttpStatusCode.BadRequest)]
    public async Task Bad_invocations_get_a_clear_status_and_a_log_line(string path, string body, HttpStatusCode status)
    {
        await using var host = await HandlerHost.StartAsync(functions: new EchoFunction());
        var ct = TestContext.Current.CancellationToken;

        var response = await host.Client.PostAsync(path, Json(body), ct);

        Assert.Equal(status, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        Assert.NotEmpty(answer.RootElement.GetProperty("Logs")[0].GetString()!);
    }
}
