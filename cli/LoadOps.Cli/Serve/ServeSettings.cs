using System.Collections;
using System.Globalization;
using LoadOps.Cloud.Hosting;
using LoadOps.Cloud.Storage;

namespace LoadOps.Cli.Serve;

/// <summary>
/// The configuration of <c>loadops serve</c>: the same settings as the Functions app's app settings, read from the
/// environment (<c>LoadOps__GitHub__Token</c>, <c>LoadOps__Api__Tokens__0__Sha256</c>, <c>LoadOps__Pools__NAME__…</c>,
/// <c>LOADOPS_SECRET_&lt;NAME&gt;</c>…), with the webhook secret also taken from <c>LOADOPS_WEBHOOK_SECRET</c> and the
/// command's own options (storage, name prefix, checkout, start delay) on top. Never printed.
/// </summary>
internal static class ServeSettings
{
    public const string WebhookSecretVariable = "LOADOPS_WEBHOOK_SECRET";

    /// <summary>The process environment, as <see cref="ServeOptions.Settings"/> takes it.</summary>
    public static IReadOnlyDictionary<string, string?> FromEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => e.Value as string, StringComparer.OrdinalIgnoreCase);

    /// <summary>Configuration keys (<c>__</c> read as <c>:</c>, as the environment provider does) and their values.</summary>
    public static IReadOnlyDictionary<string, string?> For(ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in options.Settings)
            settings[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        if (settings.GetValueOrDefault(WebhookSecretVariable) is { Length: > 0 } secret)
            settings[WebhookOptions.SectionName + ":" + nameof(WebhookOptions.WebhookSecret)] = secret;
        settings[StorageOptions.SectionName + ":" + nameof(StorageOptions.ConnectionString)] = options.Storage;
        settings[StorageOptions.SectionName + ":" + nameof(StorageOptions.NamePrefix)] = options.NamePrefix;
        settings[LocalOptions.SectionName + ":" + nameof(LocalOptions.RepositoryPath)] = options.Repository;
        settings[PipelineServices.PlanSection + ":StartDelay"] = options.StartDelay.ToString("c", CultureInfo.InvariantCulture);
        return settings;
    }
}
