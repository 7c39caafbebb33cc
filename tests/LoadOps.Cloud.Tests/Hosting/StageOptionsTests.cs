using LoadOps.Cloud.Hosting;
using LoadOps.Cloud.Pipeline;
using LoadOps.Core.Planning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoadOps.Cloud.Tests.Hosting;

/// <summary><c>LoadOps:Plan</c> and <c>LoadOps:Stages</c> as the shared registration binds them: values arrive, wrong ones are named with their rule.</summary>
public sealed class StageOptionsTests
{
    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        settings["LoadOps:Storage:ConnectionString"] = "UseDevelopmentStorage=true";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddLoadOpsPipeline(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Plan_timing_and_retry_delays_are_read_from_their_sections()
    {
        using var provider = Provider(new()
        {
            ["LoadOps:Plan:StartDelay"] = "00:00:09",
            ["LoadOps:Stages:RetryDelay"] = "00:00:03",
            ["LoadOps:Stages:MaxRetryDelay"] = "00:00:10",
        });

        var plan = provider.GetRequiredService<IOptions<PlanOptions>>().Value;
        var stages = provider.GetRequiredService<IOptions<QueuePumpOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(9), plan.StartDelay);
        Assert.Equal([3, 6, 10], new[] { 1, 2, 3 }.Select(attempt => stages.RetryDelayAfter(attempt).TotalSeconds));
    }

    [Fact]
    public void A_max_retry_delay_below_the_first_and_a_negative_start_delay_are_named_together()
    {
        using var provider = Provider(new()
        {
            ["LoadOps:Plan:StartDelay"] = "-00:00:01",
            ["LoadOps:Stages:RetryDelay"] = "00:01:00",
            ["LoadOps:Stages:MaxRetryDelay"] = "00:00:10",
            ["LoadOps:Stages:BatchSize"] = "64",
        });

        var failure = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        var text = failure is AggregateException many ? string.Join("\n", many.InnerExceptions.Select(e => e.Message)) : failure.Message;
        Assert.Contains("LoadOps:Plan:StartDelay must be from 00:00:00", text, StringComparison.Ordinal);
        Assert.Contains("LoadOps:Stages:MaxRetryDelay (00:00:10) must be at least RetryDelay (00:01:00)", text, StringComparison.Ordinal);
        Assert.Contains("LoadOps:Stages:BatchSize must be from 1 to 32", text, StringComparison.Ordinal);
    }
}
