using LoadOps.Cloud.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoadOps.Cloud.Tests.Hosting;

/// <summary>What <see cref="PipelineServices.AddLoadOpsPipeline"/> checks at start: every bad setting at once, each by its name.</summary>
public sealed class PipelineOptionsTests
{
    private const string Storage = "UseDevelopmentStorage=true";

    /// <summary>The messages of what the start-up validation refused (several bad sections arrive together), or null.</summary>
    private static string? StartupErrors(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddLoadOpsPipeline(configuration);
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return null;
        }
        catch (OptionsValidationException e)
        {
            return e.Message;
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            return string.Join("\n", e.InnerExceptions.Select(inner => inner.Message));
        }
    }

    [Fact]
    public void Valid_settings_pass() =>
        Assert.Null(StartupErrors(new() { ["LoadOps:Storage:ConnectionString"] = Storage, ["LoadOps:GitHub:WebhookSecret"] = "a-secret-of-16-chars-or-more" }));

    [Fact]
    public void Storage_without_an_account_is_named_with_what_to_set()
    {
        var error = StartupErrors([]);

        Assert.NotNull(error);
        Assert.Contains("LoadOps:Storage", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_that_is_not_a_sha256_is_named_by_its_index_and_the_hash_is_not_quoted()
    {
        var error = StartupErrors(new()
        {
            ["LoadOps:Storage:ConnectionString"] = Storage,
            ["LoadOps:Api:Tokens:0:Sha256"] = new string('a', 64),
            ["LoadOps:Api:Tokens:1:Sha256"] = "plain-token-by-mistake",
        });

        Assert.NotNull(error);
        Assert.Contains("LoadOps:Api:Tokens:1:Sha256 must be 64 hex digits", error, StringComparison.Ordinal);
        Assert.DoesNotContain("LoadOps:Api:Tokens:0", error, StringComparison.Ordinal);
        Assert.DoesNotContain("plain-token-by-mistake", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_short_webhook_secret_and_bad_storage_are_reported_together()
    {
        var error = StartupErrors(new() { ["LoadOps:GitHub:WebhookSecret"] = "short" });

        Assert.NotNull(error);
        Assert.Contains("LoadOps:GitHub:WebhookSecret must be at least 16 characters", error, StringComparison.Ordinal);
        Assert.Contains("LoadOps:Storage", error, StringComparison.Ordinal);
    }
}
