using System.Xml;
using LoadOps.Core.Evaluation;
using LoadOps.Core.Results;
using LoadOps.Core.Serialization;

namespace LoadOps.Cli.Tests.Report;

public sealed class ReportCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("loadops-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WriteRun(bool withEvaluation = true)
    {
        var start = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var histogram = HistogramCodec.Create();
        for (var i = 1; i <= 500; i++)
            histogram.RecordValue(i * 400);
        var result = new ResultFile
        {
            RunId = "20261123T100000Z-abc123",
            Definition = "checkout",
            DefinitionHash = "h",
            Commit = "0d1a26e",
            Branch = "main",
            Start = start,
            End = start.AddSeconds(10),
            Steps =
            [
                new StepResult("browse", "list-products",
                [
                    new IntervalStats { Start = start, Ok = 250, Histogram = HistogramCodec.Encode(histogram) },
                    new IntervalStats { Start = start.AddSeconds(5), Ok = 240, Failed = new FailureCounts(Status: 10), Histogram = HistogramCodec.Encode(histogram) },
                ]),
            ],
        };
        var path = Path.Combine(_folder, "result.json");
        File.WriteAllText(path, LoadOpsJson.Serialize(result));
        if (withEvaluation)
        {
            File.WriteAllText(Path.Combine(_folder, "evaluation.json"), LoadOpsJson.Serialize(new RunEvaluation
            {
                Verdict = RunVerdict.Fail,
                Headline = "1 of 1 thresholds failed: p95 < 100ms (was 190ms): failing",
            }));
        }
        return path;
    }

    private static Task<(int Exit, string Output, string Error)> Run(params string[] args) => CliRun.RunAsync(args);

    [Fact]
    public async Task Markdown_carries_the_verdict_and_the_sticky_marker()
    {
        var (exit, output, _) = await Run("report", WriteRun(), "--format", "md");
        Assert.Equal(0, exit);
        Assert.Contains("<!-- loadops:comment test=checkout -->", output, StringComparison.Ordinal);
        // Markdown escapes "<" so that GitHub shows it rather than reading a tag.
        Assert.Contains("1 of 1 thresholds failed: p95 &lt; 100ms (was 190ms): failing", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_is_written_to_the_out_file_with_inline_charts()
    {
        var target = Path.Combine(_folder, "report.html");
        var (exit, output, _) = await Run("report", WriteRun(), "--format", "html", "--out", target);
        Assert.Equal(0, exit);
        Assert.Empty(output);
        var html = File.ReadAllText(target);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Junit_is_well_formed_xml()
    {
        var (exit, output, _) = await Run("report", WriteRun(), "--format", "junit");
        Assert.Equal(0, exit);
        var document = new XmlDocument();
        document.LoadXml(output);
        Assert.NotNull(document.SelectSingleNode("//testsuite"));
    }

    [Fact]
    public async Task A_result_without_an_evaluation_says_it_was_not_evaluated()
    {
        var (exit, output, _) = await Run("report", WriteRun(withEvaluation: false), "--format", "md");
        Assert.Equal(0, exit);
        Assert.Contains("Not evaluated", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_evaluation_is_a_usage_error_naming_the_file()
    {
        var path = WriteRun();
        File.WriteAllText(Path.Combine(_folder, "evaluation.json"), "{ \"verdict\": ");
        var (exit, _, error) = await Run("report", path, "--format", "md");
        Assert.Equal(2, exit);
        Assert.Contains("evaluation.json", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.json", "md")]
    [InlineData(null, "pdf")]
    public async Task Bad_input_exits_2(string? file, string format)
    {
        var (exit, _, error) = await Run("report", file is null ? WriteRun() : Path.Combine(_folder, file), "--format", format);
        Assert.Equal(2, exit);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }
}
