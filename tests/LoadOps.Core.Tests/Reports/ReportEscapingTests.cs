using System.Text.Json;
using System.Xml;
using LoadOps.Core.Definitions;
using LoadOps.Core.Reports;

namespace LoadOps.Core.Tests.Reports;

public sealed class ReportEscapingTests
{
    private const string Nasty = "say \"hi\" <b>&</b>\nnew line 🚀 | @team `x` \\ \u0001 \ud800 end";
    private const string Script = "<script>alert('x')</script>";

    private static ReportModel Hostile() => ReportSamples.Regression() with
    {
        TestName = "cart" + Script,
        RunId = Nasty,
        Branch = Nasty,
        Headline = Nasty,
        TrustWarnings = [new TrustWarning(TrustWarningKind.Partial, Script + Nasty, Nasty)],
        Metrics =
        [
            new MetricRow(Script, Metric.P95, 1_000, 2_000, 100, Nasty, ReportVerdict.Regression),
            new MetricRow(Nasty, Metric.P99, null, 2_000, null, "no baseline", ReportVerdict.Inconclusive),
        ],
        Thresholds = [new ThresholdOutcome(Nasty, Metric.P95, null, 300_000, Passed: false) { Step = Script }],
        Locations = [new LocationRow(Script, 10, 1, 1_000, 0)],
        History = [new HistoryPoint(Nasty, Nasty + "\"]\n```", 1_000), new HistoryPoint("b", null, 2_000, IsCurrent: true)],
        Links = new ReportLinks("javascript:alert(1)", "https://example.com/run?a=1&b=<2>"),
        Inconclusive = new InconclusiveNote([Script], 2),
    };

    [Fact]
    public void Html_escapes_every_user_string()
    {
        var html = ReportSnapshotTests.Render(Hostile(), ReportFormat.Html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("https://example.com/run?a=1&amp;b=%3C2%3E", html);
    }

    [Fact]
    public void Slack_message_is_valid_json_whatever_the_names()
    {
        var json = ReportSnapshotTests.Render(Hostile(), ReportFormat.Slack);

        using var document = JsonDocument.Parse(json);
        var blocks = document.RootElement.GetProperty("blocks");
        var header = blocks[0].GetProperty("text").GetProperty("text").GetString()!;
        Assert.Contains(Script, header);                      // plain_text: shown as typed
        var texts = blocks.EnumerateArray().Skip(1)
            .Where(b => b.TryGetProperty("text", out _))
            .Select(b => b.GetProperty("text").GetProperty("text").GetString()!).ToList();
        Assert.All(texts, t => Assert.DoesNotContain("<b>", t)); // mrkdwn: Slack's control characters escaped
        Assert.Contains(texts, t => t.Contains("&lt;b&gt;&amp;&lt;/b&gt;", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("🚀", StringComparison.Ordinal));
    }

    [Fact]
    public void JUnit_is_well_formed_xml_and_keeps_names_readable()
    {
        var xml = ReportSnapshotTests.Render(Hostile(), ReportFormat.JUnit);

        var document = new XmlDocument();
        document.LoadXml(xml);
        var names = document.SelectNodes("//testcase/@name")!.Cast<XmlAttribute>().Select(a => a.Value).ToList();
        Assert.Contains(names, n => n.StartsWith(Script + " p95", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("new line 🚀", StringComparison.Ordinal) && n.Contains('\n'));
        Assert.DoesNotContain(names, n => n.Contains('\u0001'));
    }

    [Fact]
    public void Markdown_keeps_tables_intact_and_renders_no_html_or_mentions()
    {
        var markdown = ReportSnapshotTests.Render(Hostile(), ReportFormat.Markdown);

        Assert.DoesNotContain("<script", markdown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@team", markdown);
        Assert.DoesNotContain("javascript:", markdown);
        var rows = markdown.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && l.Contains("p95", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        var metricRow = rows.Single(l => l.Contains("alert", StringComparison.Ordinal) && l.Contains("regression", StringComparison.Ordinal));
        Assert.Equal(8, metricRow.Count(c => c == '|'));       // 7 columns: the step's text added no cell
        var fences = markdown.Split('\n').Count(l => l.StartsWith("```", StringComparison.Ordinal));
        Assert.Equal(4, fences);                               // a commit full of backticks cannot end a Mermaid block early
    }

    [Theory]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData("line\nbreak\ttab", "\"line\\nbreak\\ttab\"")]
    [InlineData("\u0001\u2028", "\"\\u0001\\u2028\"")]
    [InlineData("emoji 🚀 kept", "\"emoji 🚀 kept\"")]
    public void Json_strings_are_escaped(string text, string expected) => Assert.Equal(expected, TextEscaper.Json(text));

    [Fact]
    public void Lone_surrogates_become_replacement_characters()
    {
        var text = "lone " + (char)0xD800 + " surrogate";
        Assert.Equal("\"lone \uFFFD surrogate\"", TextEscaper.Json(text));
        Assert.Equal("lone \uFFFD surrogate", TextEscaper.Xml(text));
    }

    [Fact]
    public void Truncate_never_splits_a_surrogate_pair()
    {
        var cut = TextEscaper.Truncate("ab🚀cd", 4);
        Assert.Equal("ab…", cut);
    }
}
