using System.Globalization;

namespace LoadOps.SampleTarget;

/// <summary>Builds the sample target: from command-line arguments and environment variables, or in-process for tests.</summary>
public static class SampleTargetApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>A configured, not yet started app listening on <paramref name="url"/> (loopback only).</summary>
    public static (WebApplication App, FaultInjector Faults) Build(string url, FaultSettings faults, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        var app = builder.Build();
        var injector = new FaultInjector(faults, time ?? TimeProvider.System);
        EchoSocket.Map(app);
        ShopApi.Map(app, injector);
        SessionApi.Map(app);
        return (app, injector);
    }

    /// <summary>
    /// Reads <c>--urls URL --latency 20ms --jitter 5ms --error-rate 0.01</c>, falling back to the environment
    /// variables SAMPLE_TARGET_URLS, SAMPLE_TARGET_LATENCY, SAMPLE_TARGET_JITTER, SAMPLE_TARGET_ERROR_RATE.
    /// </summary>
    public static bool TryParseArguments(string[] args, Func<string, string?> environment, out string url, out FaultSettings faults, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["--urls"] = environment("SAMPLE_TARGET_URLS"),
            ["--latency"] = environment("SAMPLE_TARGET_LATENCY"),
            ["--jitter"] = environment("SAMPLE_TARGET_JITTER"),
            ["--error-rate"] = environment("SAMPLE_TARGET_ERROR_RATE"),
        };
        url = DefaultUrl;
        faults = new FaultSettings();
        problem = null;
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!values.ContainsKey(args[i]) || i + 1 >= args.Length)
            {
                problem = $"unknown or incomplete option '{args[i]}'; use --urls URL --latency 20ms --jitter 5ms --error-rate 0.01";
                return false;
            }
            values[args[i]] = args[i + 1];
        }
        url = values["--urls"] ?? DefaultUrl;
        if (!TryMilliseconds(values["--latency"], out var latency) || !TryMilliseconds(values["--jitter"], out var jitter))
        {
            problem = "--latency and --jitter take a duration such as 20ms or 1s";
            return false;
        }
        var errorRate = 0.0;
        if (values["--error-rate"] is { } rate && (!double.TryParse(rate, NumberStyles.Float, CultureInfo.InvariantCulture, out errorRate) || errorRate is < 0 or > 1))
        {
            problem = "--error-rate takes a fraction between 0 and 1, e.g. 0.01";
            return false;
        }
        faults = new FaultSettings { LatencyMs = latency, JitterMs = jitter, ErrorRate = errorRate };
        return true;
    }

    private static bool TryMilliseconds(string? text, out double milliseconds)
    {
        milliseconds = 0;
        if (string.IsNullOrEmpty(text))
            return true;
        if (!LoadOps.Core.Definitions.DurationText.TryParse(text, out var duration))
            return false;
        milliseconds = duration.TotalMilliseconds;
        return true;
    }
}
