using System.Text;
using System.Text.Json.Nodes;
using LoadOps.Cloud.GitHub;
using LoadOps.Cloud.Tests.Stubs;

namespace LoadOps.Cloud.Tests.GitHub;

/// <summary>GitHub limits check-run summaries (65,535) and comment bodies (65,536) in UTF-8 bytes, not UTF-16 characters.</summary>
public sealed class GitHubByteLimitTests
{
    private const string Marker = "<!-- loadops:comment test=checkout -->";

    private static string FailedRows(int rows) =>
        string.Concat(Enumerable.Range(0, rows).Select(i => $"| ❌ | step-{i} | p95 312 ms |\n"));

    [Fact]
    public void Regression_a_summary_of_cross_mark_rows_was_cut_by_characters_to_more_bytes_than_github_allows()
    {
        var summary = CheckRunPublisher.Truncate(FailedRows(4_000));

        Assert.True(Encoding.UTF8.GetByteCount(summary) <= 65_535, $"{Encoding.UTF8.GetByteCount(summary)} bytes");
        Assert.EndsWith("the run's report file.*", summary, StringComparison.Ordinal);
        Assert.StartsWith(FailedRows(10), summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("🚀")]
    [InlineData("❌")]
    [InlineData("é")]
    [InlineData("x")]
    public void A_cut_never_splits_a_character_and_fills_the_limit(string character)
    {
        var text = string.Concat(Enumerable.Repeat(character, 30_000));

        var cut = Utf8Limit.Cut(text, 1_001, "…");

        var bytes = Encoding.UTF8.GetByteCount(cut);
        Assert.InRange(bytes, 1_001 - Encoding.UTF8.GetByteCount(character) + 1, 1_001);
        Assert.Equal(cut, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(cut)));
        Assert.DoesNotContain('\uFFFD', cut);
        Assert.Equal("short", Utf8Limit.Cut("short", 10, "…"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Regression_a_long_comment_stays_within_githubs_bytes_and_keeps_its_marker(bool templateHasMarker)
    {
        await using var stub = await StubServer.StartAsync((request, _) => request.Method == "GET"
            ? StubResponse.Json("[]")
            : StubResponse.Json("""{"id":600,"body":"x"}""", 201));
        using var api = GitHubFixture.Api(stub);
        var markdown = (templateHasMarker ? Marker + "\n" : "") + FailedRows(4_000);

        await new StickyCommentPublisher(api).UpsertAsync(GitHubFixture.Repo, 7, "checkout", markdown, GitHubFixture.Token);

        var body = JsonNode.Parse(stub.Requests.Last().BodyText)!["body"]!.GetValue<string>();
        Assert.True(Encoding.UTF8.GetByteCount(body) <= 65_536, $"{Encoding.UTF8.GetByteCount(body)} bytes");
        Assert.StartsWith(Marker, body, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', body);
    }
}
