using LoadOps.Cloud.Storage;
using LoadOps.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LoadOps.Cli.Serve;

/// <summary>
/// What <c>loadops serve</c> checks before it takes work, each failure one <c>error:</c> line and no stack trace: the
/// settings (every option validated by the shared registration, each message naming its setting), then storage,
/// reached and prepared within <see cref="ConnectTimeout"/>.
/// </summary>
internal static class ServeStart
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);

    /// <summary>True when serve can start; otherwise false with the reasons on <paramref name="error"/>.</summary>
    public static async Task<bool> CheckAsync(ServeApp app, TextWriter error, CancellationToken cancellationToken) =>
        await CheckSettingsAsync(app, error) && await CheckStorageAsync(app, error, cancellationToken);

    /// <summary>Every option section, the launchers and the storage settings; no storage call.</summary>
    public static async Task<bool> CheckSettingsAsync(ServeApp app, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
            app.Services.GetRequiredService<StorageClients>();
            app.Services.GetRequiredService<PipelineStages>();
            return true;
        }
        catch (Exception e) when (Failures(e) is { Count: > 0 } failures)
        {
            foreach (var failure in failures)
                await error.WriteLineAsync("error: " + failure);
            return false;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            // Launcher sections that are half filled in, a connection string that cannot be parsed (its value is not shown).
            await error.WriteLineAsync("error: " + e.Message);
            return false;
        }
    }

    private static async Task<bool> CheckStorageAsync(ServeApp app, TextWriter error, CancellationToken cancellationToken)
    {
        var clients = app.Services.GetRequiredService<StorageClients>();
        using var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connect.CancelAfter(ConnectTimeout);
        try
        {
            await new StorageProvisioner(clients).EnsureCreatedAsync(connect.Token);
            return true;
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or AggregateException)
        {
            await error.WriteLineAsync(
                $"error: the storage account could not be reached or prepared within {ConnectTimeout.TotalSeconds} s. " +
                "Is Azurite running (npx azurite --silent --location .azurite)? Is --storage right? (value not shown)");
            return false;
        }
    }

    /// <summary>The messages of options that failed validation (one exception, or several when more than one section is wrong).</summary>
    private static List<string> Failures(Exception e) => e switch
    {
        OptionsValidationException options => [.. options.Failures],
        AggregateException many => [.. many.InnerExceptions.SelectMany(Failures)],
        _ => [],
    };
}
