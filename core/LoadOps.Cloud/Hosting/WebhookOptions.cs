using System.ComponentModel.DataAnnotations;

namespace LoadOps.Cloud.Hosting;

/// <summary>The GitHub webhook's shared secret (from Key Vault in Azure, an environment variable locally).</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "LoadOps:GitHub";

    /// <summary>Without it every delivery is refused: an unsigned endpoint would let anyone start load.</summary>
    [MinLength(16, ErrorMessage = SectionName + ":WebhookSecret must be at least 16 characters (a random value you also give GitHub).")]
    public string? WebhookSecret { get; init; }
}
