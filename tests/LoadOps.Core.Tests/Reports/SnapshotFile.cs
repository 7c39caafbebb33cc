namespace LoadOps.Core.Tests.Reports;

/// <summary>
/// Compares rendered output with a stored snapshot under Reports/Snapshots in the source tree. With
/// LOADOPS_UPDATE_SNAPSHOTS=1 the snapshot is rewritten instead (review the diff before committing).
/// </summary>
internal static class SnapshotFile
{
    public static string Directory([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "") =>
        Path.Combine(Path.GetDirectoryName(sourceFile)!, "Snapshots");

    public static void Match(string name, string actual)
    {
        var path = Path.Combine(Directory(), name);
        if (Environment.GetEnvironmentVariable("LOADOPS_UPDATE_SNAPSHOTS") == "1")
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"Snapshot {path} is missing; run the tests with LOADOPS_UPDATE_SNAPSHOTS=1 to create it.");
        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            var line = FirstDifferentLine(expected, actual);
            Assert.Fail($"Output differs from snapshot {path} at line {line.Number}:\n  expected: {line.Expected}\n  actual:   {line.Actual}\n" +
                "If the change is intended, rerun with LOADOPS_UPDATE_SNAPSHOTS=1 and review the diff.");
        }
    }

    private static (int Number, string Expected, string Actual) FirstDifferentLine(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var x = i < e.Length ? e[i] : "<end of file>";
            var y = i < a.Length ? a[i] : "<end of file>";
            if (x != y)
                return (i + 1, x, y);
        }
        return (0, "", "");
    }
}
