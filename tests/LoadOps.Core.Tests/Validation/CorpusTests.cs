using LoadOps.Core.Policy;
using LoadOps.Core.Validation;

namespace LoadOps.Core.Tests.Validation;

/// <summary>Each corpus file holds one kind of mistake; the validator must name it with the exact code, line and column.</summary>
public sealed class CorpusTests
{
    /// <summary>The corpus's duplicate-name case uses this name; the theory passes it as another definition's name.</summary>
    public const string TakenName = "taken-name";

    [Theory]
    [MemberData(nameof(CorpusCase.Names), MemberType = typeof(CorpusCase))]
    public void Reports_the_expected_code_at_the_expected_position(string name)
    {
        var expected = CorpusCase.Named(name);
        var result = DefinitionValidator.Validate(expected.File, expected.Text, LoadPolicy.Default, [TakenName]);

        var reported = string.Join("\n", result.Errors);
        Assert.Contains(result.Errors, e =>
            e.Code == expected.Code && e.Line == expected.Line && e.Column == expected.Column && e.Severity == expected.Severity);
        Assert.All(result.Errors, e => Assert.Equal(expected.File, e.File));
        if (expected.Severity == Severity.Error)
            Assert.False(result.IsValid, reported);
    }

    [Fact]
    public void The_corpus_has_at_least_forty_cases_and_covers_most_codes()
    {
        var cases = RepositoryFiles.Corpus().Select(CorpusCase.Load).ToList();
        Assert.True(cases.Count >= 40, $"{cases.Count} corpus files");
        var uncovered = ValidationCodes.All.Except(cases.Select(c => c.Code))
            .Except([ValidationCodes.FileTooLarge, ValidationCodes.InvalidHostPattern, ValidationCodes.UnreadableFile])
            // Data file problems need the file itself; DataFileLoaderTests pins each of them.
            .Except([ValidationCodes.DataFileNotFound, ValidationCodes.DataFileOutsideRepository, ValidationCodes.DataFileTooLarge,
                ValidationCodes.MalformedDataFile, ValidationCodes.UnknownDataColumn, ValidationCodes.EmptyDataFile])
            // So does a JMeter plan that is missing; JMeterPlanLoaderTests pins it.
            .Except([ValidationCodes.ScriptNotFound])
            // Quotas are the host's configuration, checked when a run is planned; QuotaCheckTests pins it.
            .Except([ValidationCodes.RunnersAboveQuota]).ToList();
        Assert.Empty(uncovered);
    }
}
