using System.Text.RegularExpressions;
using LoadOps.Core.Validation;

namespace LoadOps.Core.Tests.Validation;

/// <summary>One invalid definition of the corpus and what it must produce, from its header: <c># expect: LO012 14:3 [warning]</c>.</summary>
internal sealed partial record CorpusCase(string File, string Text, string Code, int Line, int Column, Severity Severity, bool SchemaInvalid)
{
    [GeneratedRegex(@"^# expect: (?<code>LO\d{3}) (?<line>\d+):(?<col>\d+)(?<warning> warning)?\r?$", RegexOptions.Multiline)]
    private static partial Regex Expectation();

    public static CorpusCase Load(string path)
    {
        var text = System.IO.File.ReadAllText(path);
        var match = Expectation().Match(text);
        Assert.True(match.Success, $"{path} needs a first line '# expect: LO0nn LINE:COL'");
        return new CorpusCase(Path.GetFileName(path), text, match.Groups["code"].Value,
            int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(match.Groups["col"].Value, System.Globalization.CultureInfo.InvariantCulture),
            match.Groups["warning"].Success ? Severity.Warning : Severity.Error,
            text.Contains("# schema: invalid", StringComparison.Ordinal));
    }

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var file in RepositoryFiles.Corpus())
            data.Add(Path.GetFileName(file));
        return data;
    }

    /// <summary>The cases marked <c># schema: invalid</c>: structural mistakes the JSON Schema must also reject.</summary>
    public static TheoryData<string> StructuralNames()
    {
        var data = new TheoryData<string>();
        foreach (var file in RepositoryFiles.Corpus().Where(f => Load(f).SchemaInvalid))
            data.Add(Path.GetFileName(file));
        return data;
    }

    public static CorpusCase Named(string name) =>
        Load(Path.Combine(RepositoryFiles.PathOf("tests/LoadOps.Core.Tests/Validation/Corpus"), name));
}
