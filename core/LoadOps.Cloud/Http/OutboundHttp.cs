using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace LoadOps.Cloud.Http;

/// <summary>
/// Every outbound HTTP call of LoadOps in one place: one named <see cref="HttpClient"/> and one resilience pipeline
/// (Microsoft.Extensions.Http.Resilience) per outside system. Hosts call <see cref="AddLoadOpsOutboundHttp"/> and take
/// clients from <see cref="IHttpClientFactory"/> by these names; code without a container uses <see cref="CreateClient"/>.
/// </summary>
public static class OutboundHttp
{
    public const string GitHub = "loadops-github";
    public const string Ecs = "loadops-ecs";
    public const string Sts = "loadops-sts";
    public const string Arm = "loadops-arm";
    public const string Slack = "loadops-slack";

    /// <summary>The policy of each system: AWS and ARM retry fast and often, Slack little (a report can wait, a run must not).</summary>
    public static IReadOnlyDictionary<string, OutboundPolicy> Policies { get; } = new Dictionary<string, OutboundPolicy>(StringComparer.Ordinal)
    {
        [GitHub] = new() { MaxRetries = 3, BaseDelay = TimeSpan.FromSeconds(1), MaxRetryAfter = TimeSpan.FromSeconds(60) },
        [Ecs] = new() { MaxRetries = 4, BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(10) },
        [Sts] = new() { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromSeconds(5) },
        [Arm] = new() { MaxRetries = 4, BaseDelay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromSeconds(15), MaxRetryAfter = TimeSpan.FromMinutes(2) },
        [Slack] = new() { MaxRetries = 3, BaseDelay = TimeSpan.FromSeconds(1), MaxRetryAfter = TimeSpan.FromSeconds(30), AttemptTimeout = TimeSpan.FromSeconds(10), TotalTimeout = TimeSpan.FromMinutes(1) },
    };

    /// <summary>Registers the named clients with their pipelines (a changed policy per name through <paramref name="adjust"/>).</summary>
    public static IServiceCollection AddLoadOpsOutboundHttp(this IServiceCollection services, Func<string, OutboundPolicy, OutboundPolicy>? adjust = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        foreach (var (name, policy) in Policies)
        {
            var chosen = adjust?.Invoke(name, policy) ?? policy;
            // The pipeline's timeouts bound each call; HttpClient's own 100 s would cut retries short.
            services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan).AddResilienceHandler(name, (builder, context) =>
                Configure(builder, chosen, context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System));
        }
        return services;
    }

    /// <summary>A client for <paramref name="system"/> outside a container (tests, tools); dispose it with its owner.</summary>
    public static HttpClient CreateClient(string system, OutboundPolicy? policy = null, TimeProvider? clock = null, HttpMessageHandler? inner = null) =>
        // The pipeline's timeouts bound each call; HttpClient's own would cut retries short.
        new(CreateHandler(system, policy, clock, inner)) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The pipeline of <paramref name="system"/> as a handler, for clients that build their own HttpClient (Octokit).</summary>
    public static DelegatingHandler CreateHandler(string system, OutboundPolicy? policy = null, TimeProvider? clock = null, HttpMessageHandler? inner = null)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        Configure(builder, policy ?? Policies[system], clock ?? TimeProvider.System);
        return new ResilienceHandler(builder.Build()) { InnerHandler = inner ?? new SocketsHttpHandler() };
    }

    /// <summary>Total timeout, then retries, then the circuit breaker, then the timeout of each attempt (the standard order).</summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, OutboundPolicy policy, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(policy);
        builder.TimeProvider = clock;
        builder.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = policy.TotalTimeout, Name = "total" });
        if (policy.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = policy.MaxRetries,
                Delay = policy.BaseDelay,
                MaxDelay = policy.MaxDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = args => ShouldRetryAsync(args.Outcome, policy, clock, args.Context.CancellationToken),
                // Retry-After, or GitHub's rate-limit reset; otherwise the jittered exponential back-off.
                DelayGenerator = args => ValueTask.FromResult(OutboundThrottling.Wait(args.Outcome.Result, clock)),
            });
        }
        builder
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = policy.FailureRatio,
                MinimumThroughput = policy.MinimumThroughput,
                SamplingDuration = policy.SamplingDuration,
                BreakDuration = policy.BreakDuration,
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = policy.AttemptTimeout, Name = "attempt" });
    }

    /// <summary>Transient answers, faults and throttling, except a wait longer than the policy allows.</summary>
    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, OutboundPolicy policy, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!HttpClientResiliencePredicates.IsTransient(outcome) && !await OutboundThrottling.IsThrottledAsync(outcome.Result, cancellationToken))
            return false;
        return OutboundThrottling.Wait(outcome.Result, clock) is not { } wait || wait <= policy.MaxRetryAfter;
    }

    /// <summary>How long <paramref name="response"/> asks to wait (Retry-After as seconds or a date), or null.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response) => OutboundThrottling.RetryAfter(response, TimeProvider.System);
}
