using System.Reflection;

namespace LoadOps.Runner.Http;

/// <summary>The <c>User-Agent</c> both clients send unless a definition sets its own: <c>loadops/VERSION</c>, so a target's logs can tell load from users.</summary>
internal static class UserAgent
{
    public const string HeaderName = "User-Agent";

    public static string Value { get; } = "loadops/" + Version();

    private static string Version()
    {
        var informational = typeof(UserAgent).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }

    /// <summary>True when <paramref name="headers"/> already has a User-Agent (any letter case).</summary>
    public static bool IsSet(List<(string Name, string Value)> headers)
    {
        foreach (var (name, _) in headers)
        {
            if (name.Equals(HeaderName, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
