using LoadOps.Functions.Api;
using LoadOps.Functions.Hosting;
using LoadOps.Functions.Stages;
using LoadOps.Functions.Webhook;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoadOps.Functions.Tests.Hosting;

/// <summary>
/// The worker host exactly as Program.cs builds it (with the Functions worker's own services), its registrations
/// checked on build. It is started only where start-up must fail before the worker would dial the Functions host.
/// </summary>
public sealed class WorkerHostTests
{
    private const string Storage = "--LoadOps:Storage:ConnectionString=UseDevelopmentStorage=true";
    private const string Secret = "--LoadOps:GitHub:WebhookSecret=worker-host-test-secret-0123";

    /// <summary>
    /// Where the Functions host would listen (the host passes these): resolving the worker's services needs them, and
    /// options are validated before any hosted service dials it. Port 9 (discard) on loopback has no listener.
    /// </summary>
    private static readonly string[] HostArguments =
    [
        "--Functions:Worker:HostEndpoint=http://127.0.0.1:9", "--Functions:Worker:WorkerId=worker-host-test",
        "--Functions:Worker:RequestId=worker-host-test", "--Functions:Worker:GrpcMaxMessageLength=2147483647",
    ];

    [Fact]
    public void Every_function_class_can_be_built_from_the_worker_host_services()
    {
        using var host = FunctionsApp.CreateHost([Storage, Secret]);

        foreach (var type in new[]
        {
            typeof(ValidateFunction), typeof(PlanFunction), typeof(DispatchFunction), typeof(CollectFunction), typeof(EvaluateFunction),
            typeof(ReportFunction), typeof(ScheduleFunction), typeof(SweepFunction), typeof(WebhookFunction), typeof(RunsFunction),
            typeof(RunFunction), typeof(RunReportFunction), typeof(TestHistoryFunction),
        })
        {
            using var scope = host.Services.CreateScope();
            Assert.IsType(type, ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
        }
    }

    [Fact]
    public async Task A_name_prefix_stops_the_app_at_start_naming_the_setting()
    {
        using var host = FunctionsApp.CreateHost([.. HostArguments, Storage, Secret, "--LoadOps:Storage:NamePrefix=t1"]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("LoadOps:Storage:NamePrefix must be empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_webhook_secret_stops_the_app_at_start_naming_the_setting()
    {
        using var host = FunctionsApp.CreateHost([.. HostArguments, Storage, "--LoadOps:GitHub:WebhookSecret=short"]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("LoadOps:GitHub:WebhookSecret must be at least 16 characters", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("short", error.Message.Replace("shorter", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_that_is_not_configured_stops_the_app_at_start_saying_what_to_set()
    {
        using var host = FunctionsApp.CreateHost([.. HostArguments, Secret]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("LoadOps:Storage", error.Message, StringComparison.Ordinal);
    }
}
