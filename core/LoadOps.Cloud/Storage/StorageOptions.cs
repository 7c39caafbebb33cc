using System.ComponentModel.DataAnnotations;

namespace LoadOps.Cloud.Storage;

/// <summary>
/// Where LoadOps keeps its state. Either <see cref="ConnectionString"/> (Azurite, or an account key) or the three
/// service URIs with an Entra identity (managed identity in Azure, <c>DefaultAzureCredential</c> elsewhere).
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string SectionName = "LoadOps:Storage";

    /// <summary>The connection string for local development against Azurite.</summary>
    public const string DevelopmentConnectionString = "UseDevelopmentStorage=true";

    /// <summary>A connection string; takes precedence over the URIs. Never logged, never put in an error message.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>An Azure storage account name: the three service URIs follow from it (public cloud endpoints).</summary>
    [RegularExpression("^[a-z0-9]{3,24}$", ErrorMessage = "AccountName must be 3-24 lowercase letters and digits.")]
    public string? AccountName { get; init; }

    public Uri? BlobServiceUri { get; init; }
    public Uri? QueueServiceUri { get; init; }
    public Uri? TableServiceUri { get; init; }

    /// <summary>Client id of a user-assigned managed identity; empty for the system-assigned one or a developer login.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>Prefix for every table, container and queue name (tests, or two deployments sharing an account).</summary>
    [RegularExpression("^([a-z][a-z0-9]{0,11})?$", ErrorMessage = "NamePrefix must be empty or 1-12 lowercase letters and digits, starting with a letter.")]
    public string NamePrefix { get; init; } = "";

    /// <summary>A queue message received more often than this is moved to the poison queue.</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; init; } = 5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(AccountName))
            yield break;

        var missing = new List<string>();
        if (BlobServiceUri is null) missing.Add(nameof(BlobServiceUri));
        if (QueueServiceUri is null) missing.Add(nameof(QueueServiceUri));
        if (TableServiceUri is null) missing.Add(nameof(TableServiceUri));
        if (missing.Count > 0)
        {
            yield return new ValidationResult(
                $"{SectionName}: set ConnectionString (\"{DevelopmentConnectionString}\" for Azurite), AccountName, or all three service URIs; missing: {string.Join(", ", missing)}.",
                missing);
            yield break;
        }

        foreach (var (name, uri) in new[] { (nameof(BlobServiceUri), BlobServiceUri!), (nameof(QueueServiceUri), QueueServiceUri!), (nameof(TableServiceUri), TableServiceUri!) })
        {
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback))
                yield return new ValidationResult($"{SectionName}:{name} must be an absolute https URI (http only for 127.0.0.1).", [name]);
        }
    }

    /// <summary>The blob, queue and table endpoints: the explicit URIs, or those of <see cref="AccountName"/>.</summary>
    public (Uri Blob, Uri Queue, Uri Table) ServiceUris() =>
        string.IsNullOrWhiteSpace(AccountName)
            ? (BlobServiceUri!, QueueServiceUri!, TableServiceUri!)
            : (new Uri($"https://{AccountName}.blob.core.windows.net/"), new Uri($"https://{AccountName}.queue.core.windows.net/"),
                new Uri($"https://{AccountName}.table.core.windows.net/"));

    /// <summary>Every problem of these options (data annotations and the rules above); empty when usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var context = new ValidationContext(this);
        var results = new List<ValidationResult>();
        // The validator skips Validate() when an attribute fails; run it anyway so every problem is reported at once.
        if (!Validator.TryValidateObject(this, context, results, validateAllProperties: true))
            results.AddRange(Validate(context));
        return results.Select(r => r.ErrorMessage ?? "invalid storage options").Distinct(StringComparer.Ordinal).ToList();
    }
}
