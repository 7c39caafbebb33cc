namespace LoadOps.Cli.Run;

/// <summary>
/// Where <c>loadops-runner</c> is: shipped beside <c>loadops</c> (the CLI references the runner project), as an
/// apphost or, failing that, as a dll started through the dotnet host. Runners are separate processes with the
/// runner's own runtime settings (server GC), exactly as in a container.
/// </summary>
internal static class RunnerExecutable
{
    public static (string FileName, IReadOnlyList<string> PrefixArguments) Locate()
    {
        var folder = AppContext.BaseDirectory;
        var apphost = Path.Combine(folder, OperatingSystem.IsWindows() ? "loadops-runner.exe" : "loadops-runner");
        if (File.Exists(apphost))
            return (apphost, []);
        var assembly = Path.Combine(folder, "loadops-runner.dll");
        if (File.Exists(assembly))
            return (DotnetHost(), [assembly]);
        throw new FileNotFoundException($"loadops-runner was not found beside loadops in {folder}; rebuild or reinstall the tool.");
    }

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
