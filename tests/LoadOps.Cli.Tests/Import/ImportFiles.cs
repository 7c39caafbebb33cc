using LoadOps.Cli.Tests.Validate;

namespace LoadOps.Cli.Tests.Import;

/// <summary>The fixtures of examples/import (see examples/import/README.md for how each was made) and a temporary folder for outputs.</summary>
internal sealed class ImportFiles : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("loadops-import-");

    public static string Example(string name) => Path.Combine(TempRepository.RepositoryRoot(), "examples", "import", name);

    public string Output(string name) => Path.Combine(_folder.FullName, name);

    public string Write(string name, string text)
    {
        File.WriteAllText(Output(name), text);
        return Output(name);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
