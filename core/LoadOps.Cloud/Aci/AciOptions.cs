using System.ComponentModel.DataAnnotations;

namespace LoadOps.Cloud.Aci;

/// <summary>
/// Where and how runner container groups start on Azure Container Instances (<c>LoadOps:Aci</c>). The region comes from
/// the shard's location (<c>azure/westeurope</c>); the group lands in <see cref="ResourceGroup"/>.
/// </summary>
public sealed record AciOptions
{
    public const string SectionName = "LoadOps:Aci";

    /// <summary>The container group API version every request pins.</summary>
    public const string ApiVersion = "2023-05-01";

    [Required] public string SubscriptionId { get; init; } = "";
    [Required] public string ResourceGroup { get; init; } = "";

    /// <summary>The runner image, e.g. <c>ghcr.io/org/loadops-runner:1.4.0</c>.</summary>
    [Required] public string Image { get; init; } = "";

    [Range(0.25, 4)] public double Cpu { get; init; } = 1;
    [Range(0.5, 16)] public double MemoryGb { get; init; } = 1.5;

    /// <summary>
    /// Client id of a user-assigned managed identity for calling ARM; empty: <c>DefaultAzureCredential</c> (the Function
    /// App's system identity in Azure, the developer's login locally).
    /// </summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>
    /// Resource id of a user-assigned identity given to the runner container group (to write results to storage
    /// and pull the image); empty: the group has no identity.
    /// </summary>
    public string? RunnerIdentityResourceId { get; init; }

    /// <summary>Plain environment every runner gets, e.g. <c>LOADOPS_STORAGE_ACCOUNT</c>.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Secrets the definitions use (<c>${{ secrets.NAME }}</c>): passed as <c>LOADOPS_SECRET_NAME</c> secure values, which
    /// ARM never returns on a read and the portal never shows.
    /// </summary>
    public IReadOnlyDictionary<string, string> Secrets { get; init; } = new Dictionary<string, string>();

    /// <summary>The container's command; empty: the image's entry point.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Overrides https://management.azure.com/ (another cloud, or a test stub).</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The checks the data annotations cannot express, each naming the setting to fix.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(SubscriptionId))
            problems.Add("LoadOps:Aci:SubscriptionId is empty: set the subscription that holds the runner resource group.");
        if (string.IsNullOrWhiteSpace(ResourceGroup))
            problems.Add("LoadOps:Aci:ResourceGroup is empty: set the resource group runner container groups go into.");
        if (string.IsNullOrWhiteSpace(Image))
            problems.Add("LoadOps:Aci:Image is empty: set the runner image, e.g. ghcr.io/org/loadops-runner:1.0.0.");
        return problems;
    }
}
