using System.Text.RegularExpressions;
using LoadOps.Core.Pipeline;

namespace LoadOps.Core.Webhooks;

/// <summary>
/// What a run request from outside (a webhook or the run API) must look like before it is queued: a GitHub
/// <c>owner/name</c> (no <c>..</c>, no path), branch names without control characters, and a delivery id that fits a
/// table key. The same rules for every door, so a value one refuses cannot come in through another.
/// </summary>
public static partial class RunRequestRules
{
    public const int MaxBranchLength = 255;

    /// <summary>GitHub's delivery ids are GUIDs; far below the 512 characters a table key holds.</summary>
    public const int MaxDeliveryIdLength = 128;

    // GitHub: owners are letters, digits and single dashes (39 at most); repository names letters, digits, '.', '-', '_'.
    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/(?!\\.{1,2}$)[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex RepositoryShape();

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex DeliveryIdShape();

    public static bool IsRepository(string? repository) => repository is not null && RepositoryShape().IsMatch(repository);

    public static bool IsBranch(string? branch) => !string.IsNullOrEmpty(branch) && branch.Length <= MaxBranchLength && !branch.Any(char.IsControl);

    /// <summary>Why <paramref name="deliveryId"/> cannot be recorded, or null.</summary>
    public static string? DeliveryIdProblem(string? deliveryId) =>
        string.IsNullOrWhiteSpace(deliveryId) ? "the X-GitHub-Delivery header is missing" :
        deliveryId.Length > MaxDeliveryIdLength ? $"the X-GitHub-Delivery header is longer than {MaxDeliveryIdLength} characters" :
        !DeliveryIdShape().IsMatch(deliveryId) ? "the X-GitHub-Delivery header may hold only letters, digits, '.', '-' and '_'" :
        null;

    /// <summary>Why <paramref name="request"/> must not be queued, or null when it may.</summary>
    public static string? Problem(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsRepository(request.Repository))
            return $"repository '{Printable(request.Repository)}' is not a GitHub owner/name";
        if (!IsBranch(request.Branch))
            return "the branch name is empty, longer than 255 characters or holds control characters";
        if (request.BaseBranch is not null && !IsBranch(request.BaseBranch))
            return "the base branch name is empty, longer than 255 characters or holds control characters";
        return null;
    }

    private static string Printable(string? text) =>
        text is null ? "" : string.Concat(text.Take(100).Select(c => char.IsControl(c) ? '?' : c));
}
