namespace LoadOps.Cli.Run;

/// <summary>
/// How to start this same <c>loadops</c> program as a child process: the apphost directly, or
/// <c>dotnet loadops.dll</c> when the tool itself was started through the dotnet muxer.
/// </summary>
internal static class SelfCommand
{
    public static (string FileName, IReadOnlyList<string> PrefixArguments) Resolve()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("The path of the running program is unknown.");
        var name = Path.GetFileNameWithoutExtension(process);
        if (!string.Equals(name, "dotnet", StringComparison.OrdinalIgnoreCase))
            return (process, []);
        var assembly = typeof(SelfCommand).Assembly.Location;
        return (process, [assembly]);
    }
}
