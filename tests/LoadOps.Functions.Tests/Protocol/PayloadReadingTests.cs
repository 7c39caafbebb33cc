using System.Text;
using System.Text.Json;
using LoadOps.Core.Pipeline;
using LoadOps.Functions.Protocol;

namespace LoadOps.Functions.Tests.Protocol;

public sealed class PayloadReadingTests
{
    private const string Message = """{"requestId":"d-1","trigger":"pullRequest","repository":"o/r","commit":"abc","branch":"b","pullRequest":7}""";

    private static JsonElement Element(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Reads_a_plain_text_queue_message()
    {
        Assert.True(QueueMessageReader.TryRead<RunRequest>(Element(JsonSerializer.Serialize(Message)), out var request, out _));
        Assert.Equal(7, request!.PullRequest);
        Assert.Equal(RunTrigger.PullRequest, request.Trigger);
    }

    [Fact]
    public void Reads_a_message_that_is_still_base64()
    {
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(Message));
        Assert.True(QueueMessageReader.TryRead<RunRequest>(Element(JsonSerializer.Serialize(base64)), out var request, out _));
        Assert.Equal("abc", request!.Commit);
    }

    [Fact]
    public void Reads_a_message_the_host_passed_as_an_object()
    {
        Assert.True(QueueMessageReader.TryRead<RunRequest>(Element(Message), out var request, out _));
        Assert.Equal("o/r", request!.Repository);
    }

    [Theory]
    [InlineData("\"hello\"")]
    [InlineData("42")]
    [InlineData("{\"commit\":\"abc\"}")]
    public void Rejects_what_is_not_the_message_with_a_reason(string json)
    {
        Assert.False(QueueMessageReader.TryRead<RunRequest>(Element(json), out var request, out var problem));
        Assert.Null(request);
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void Reads_the_documented_http_trigger_shape()
    {
        var invocation = JsonSerializer.Deserialize<InvocationRequest>(Payload.Text("http_invocation.json"), ProtocolJson.Options)!;

        Assert.True(HttpTriggerRequest.TryRead(invocation.Data["req"], out var request));
        Assert.Equal("POST", request.Method);
        Assert.Equal("true", request.Query["wait"]);
        Assert.Equal("application/json", request.Header("content-type"));
        Assert.Equal(["abc", "def"], request.Headers["X-Request-Id"]);
        Assert.Equal("checkout", JsonDocument.Parse(request.Body!).RootElement.GetProperty("test").GetString());
    }

    [Fact]
    public void Reads_the_documented_timer_shape()
    {
        var invocation = JsonSerializer.Deserialize<InvocationRequest>(Payload.Text("timer_invocation.json"), ProtocolJson.Options)!;

        var timer = TimerTrigger.Read(invocation.Data["timer"]);

        Assert.True(timer.IsPastDue);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 9, 59, 0, TimeSpan.Zero), timer.ScheduleStatus!.Last);
        Assert.Equal(1, invocation.DequeueCount);
    }

    [Fact]
    public void Reads_the_dequeue_count_of_a_queue_invocation()
    {
        var invocation = JsonSerializer.Deserialize<InvocationRequest>(Payload.Text("queue_invocation.json"), ProtocolJson.Options)!;
        Assert.Equal(2, invocation.DequeueCount);
    }
}
