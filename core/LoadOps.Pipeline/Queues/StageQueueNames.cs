using System.Security.Cryptography;
using System.Text;

namespace LoadOps.Pipeline;

/// <summary>
/// Queue names of the pipeline stages, and the rule that turns a runner location into a valid queue name
/// (3-63 characters, lowercase letters, digits and single dashes, starting and ending with a letter or digit).
/// </summary>
public static class StageQueueNames
{
    public const string Validate = "loadops-validate";
    public const string Plan = "loadops-plan";
    public const string Dispatch = "loadops-dispatch";
    public const string Collect = "loadops-collect";
    public const string Evaluate = "loadops-evaluate";
    public const string Report = "loadops-report";

    private const string ShardPrefix = "loadops-shards-";
    private const string PoisonSuffix = "-poison";
    private const int MaxQueueName = 63;

    public static IReadOnlyList<string> Stages { get; } = [Validate, Plan, Dispatch, Collect, Evaluate, Report];

    /// <summary>The poison queue of a queue: where messages that failed too often are parked for a human.</summary>
    public static string PoisonOf(string queueName) => queueName + PoisonSuffix;

    /// <summary>
    /// <c>loadops-shards-{location}</c> with the location sanitised: <c>azure/westeurope</c> becomes
    /// <c>loadops-shards-azure-westeurope</c>. Long names are cut and end in a short hash so two locations never share
    /// a queue; room is always left for the poison suffix and <paramref name="reserved"/> characters of prefix.
    /// </summary>
    public static string ForShards(string location, int reserved = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        var sanitised = Sanitise(location);
        if (sanitised.Length == 0)
            throw new ArgumentException("A runner location needs at least one letter or digit.", nameof(location));

        var room = MaxQueueName - PoisonSuffix.Length - reserved - ShardPrefix.Length;
        if (sanitised.Length > room)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(location)))[..8];
            sanitised = sanitised[..(room - hash.Length - 1)].TrimEnd('-') + "-" + hash;
        }

        return ShardPrefix + sanitised;
    }

    private static string Sanitise(string location)
    {
        var builder = new StringBuilder(location.Length);
        foreach (var c in location.ToLowerInvariant())
        {
            if (char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c))
                builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-')
                builder.Append('-');
        }

        return builder.ToString().TrimEnd('-');
    }
}
