using LoadOps.Core.Importing.Har;

namespace LoadOps.Core.Tests.Importing.Har;

public sealed class HarReaderTests
{
    [Fact]
    public void A_json_syntax_error_names_the_line_and_column()
    {
        var problem = HarReader.Read("bad.har", "{\n  \"log\": {\n    \"entries\": [ oops ]\n  }\n}").Problem!;
        Assert.Equal(3, problem.Line);
        Assert.StartsWith("bad.har:3:", problem.ToString(), StringComparison.Ordinal);
        Assert.Contains("not valid JSON", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_url_names_the_json_path_and_its_line()
    {
        var text = "{\n  \"log\": {\n    \"entries\": [\n      { \"request\": { \"method\": \"GET\", \"url\": \"http://a/\" } },\n      {\n        \"request\": { \"method\": \"GET\" }\n      }\n    ]\n  }\n}";
        var problem = HarReader.Read("bad.har", text).Problem!;
        Assert.Equal("$.log.entries[1].request.url", problem.JsonPath);
        Assert.Equal(6, problem.Line);
        Assert.Equal("bad.har:6 (at $.log.entries[1].request.url): the request has no url; give a HAR file as browsers save it (DevTools > Network > Save all as HAR)", problem.ToString());
    }

    [Theory]
    [InlineData("[]", "$.log")]
    [InlineData("{\"log\":{}}", "$.log.entries")]
    [InlineData("{\"log\":{\"entries\":[{\"response\":{}}]}}", "$.log.entries[0].request")]
    [InlineData("{\"log\":{\"entries\":[{\"request\":{\"method\":\"GET\",\"url\":\"/relative\"}}]}}", "$.log.entries[0].request.url")]
    public void A_file_that_is_not_a_har_names_the_missing_part(string text, string path) =>
        Assert.Equal(path, HarReader.Read("x.har", text).Problem!.JsonPath);

    [Fact]
    public void Optional_fields_may_be_missing()
    {
        var entries = HarReader.Read("x.har", "{\"log\":{\"entries\":[{\"request\":{\"method\":\"post\",\"url\":\"http://a/b\"}}]}}").Value!;
        Assert.Equal("POST", entries.Single().Method);
        Assert.Empty(entries.Single().Headers);
        Assert.Equal(0, entries.Single().Status);
    }
}
