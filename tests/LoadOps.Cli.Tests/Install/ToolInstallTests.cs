using System.Diagnostics;

namespace LoadOps.Cli.Tests.Install;

/// <summary>
/// The README's install steps, for real: pack the built tool, install it into a temporary tool path with the dotnet
/// CLI, and run the installed <c>loadops</c>. The runner must be inside the package, or <c>loadops run</c> cannot start it.
/// </summary>
public sealed class ToolInstallTests
{
    [Fact]
    public async Task The_packed_tool_installs_into_a_tool_path_and_runs_with_its_runner_beside_it()
    {
        var root = RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("loadops-tool-").FullName;
        var packages = Path.Combine(work, "packages");
        var tools = Path.Combine(work, "tools");

        var pack = await DotnetAsync(root, "pack", Path.Combine(root, "cli", "LoadOps.Cli"), "-c", "Release", "--no-build", "-o", packages);
        Assert.True(pack.Exit == 0, pack.Output);
        var package = Assert.Single(Directory.GetFiles(packages, "LoadOps.Cli.*.nupkg"));
        var version = Path.GetFileNameWithoutExtension(package)["LoadOps.Cli.".Length..];
        var install = await DotnetAsync(root, "tool", "install", "LoadOps.Cli", "--tool-path", tools, "--add-source", packages, "--version", version);
        Assert.True(install.Exit == 0, install.Output);

        var loadops = Path.Combine(tools, OperatingSystem.IsWindows() ? "loadops.exe" : "loadops");
        var help = await RunAsync(root, loadops, "--help");
        Assert.True(help.Exit == 0, help.Output);
        Assert.Contains("validate", help.Output, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(tools, ".store"), "loadops-runner.dll", SearchOption.AllDirectories));
    }

    private static Task<(int Exit, string Output)> DotnetAsync(string directory, params string[] arguments) => RunAsync(directory, "dotnet", arguments);

    private static async Task<(int Exit, string Output)> RunAsync(string directory, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await output + await error);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "LoadOps.sln")))
            folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("LoadOps.sln not found above " + AppContext.BaseDirectory);
    }
}
