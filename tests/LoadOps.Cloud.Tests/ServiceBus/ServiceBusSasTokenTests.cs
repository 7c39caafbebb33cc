using LoadOps.Cloud.ServiceBus;
using Microsoft.Extensions.Time.Testing;

namespace LoadOps.Cloud.Tests.ServiceBus;

public sealed class ServiceBusSasTokenTests
{
    [Fact]
    public void Token_matches_an_independently_computed_signature()
    {
        // Expected value computed outside .NET (Python hmac + urllib.parse.quote_plus) for these inputs.
        var token = ServiceBusSasToken.Create(new Uri("https://contoso.servicebus.windows.net/loadops-pool-lab?timeout=5"),
            "agent-listen", "c2VjcmV0LWtleS1mb3ItdGVzdHM=", DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

        Assert.Equal(
            "SharedAccessSignature sr=https%3A%2F%2Fcontoso.servicebus.windows.net%2Floadops-pool-lab&sig=lUpinepVUsYOT%2BTN3s20s8%2F5RUFv77oZT6mOXIFxlp8%3D&se=1800000000&skn=agent-listen",
            token);
    }

    [Fact]
    public async Task Credential_reuses_a_token_until_near_its_expiry_then_signs_a_new_one()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var credential = ServiceBusCredential.FromSharedAccessKey("send", "a-key", clock);
        var entity = new Uri("https://contoso.servicebus.windows.net/q");
        var ct = TestContext.Current.CancellationToken;

        var first = await credential.AuthorizationAsync(entity, ct);
        clock.Advance(TimeSpan.FromMinutes(30));
        var again = await credential.AuthorizationAsync(entity, ct);
        clock.Advance(TimeSpan.FromMinutes(26));
        var renewed = await credential.AuthorizationAsync(entity, ct);

        Assert.Equal(first, again);
        Assert.NotEqual(first, renewed);
        Assert.Contains($"se={1_800_000_000 + 3600}&", first, StringComparison.Ordinal);
        Assert.DoesNotContain("a-key", credential.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=agent-listen;SharedAccessKey=k3y=;EntityPath=loadops-pool-lab", "https://contoso.servicebus.windows.net/", "loadops-pool-lab")]
    [InlineData("Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=agent-listen;SharedAccessKey=k3y=", "https://contoso.servicebus.windows.net/", null)]
    public void Connection_strings_give_the_https_namespace_key_and_queue(string text, string ns, string? entity)
    {
        Assert.True(ServiceBusConnectionString.TryParse(text, out var parsed, out var problem), problem);
        Assert.Equal(new Uri(ns), parsed!.Namespace);
        Assert.Equal("agent-listen", parsed.KeyName);
        Assert.Equal("k3y=", parsed.Key);
        Assert.Equal(entity, parsed.EntityPath);
        Assert.DoesNotContain("k3y", parsed.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Endpoint=sb://x/;SharedAccessKeyName=n", "SharedAccessKey")]
    [InlineData("SharedAccessKeyName=n;SharedAccessKey=super-secret", "Endpoint")]
    [InlineData("Endpoint=ftp://x/;SharedAccessKeyName=n;SharedAccessKey=super-secret", "sb://")]
    public void Bad_connection_strings_say_what_is_wrong_without_the_key(string text, string expected)
    {
        Assert.False(ServiceBusConnectionString.TryParse(text, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("super-secret", problem, StringComparison.Ordinal);
    }
}
