using LoadOps.IntegrationTests.Functions;

namespace LoadOps.IntegrationTests.Hosting;

/// <summary>
/// The Functions app (its HTTP functions, routed from functions.metadata) and <c>loadops serve</c> (its route group on
/// Kestrel) answer the same requests with the same status, content type and body: both run the one set of handlers in
/// <c>LoadOps.Cloud.Hosting</c>. Each has its own fresh storage and the same GitHub stub.
/// </summary>
public sealed class SameAnswersTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Both_hosts_answer_every_request_of_the_table_alike_and_as_expected()
    {
        await using var github = await GitHubPermissionStub.StartAsync();
        github.Roles["maintainer-mia"] = "write";
        github.Roles["reader-rick"] = "read";
        await using var functions = await FunctionsAppRig.StartAsync(azurite, new Dictionary<string, string?>
        {
            ["LoadOps:GitHub:BaseAddress"] = github.Address.ToString(),
            ["LoadOps:GitHub:Token"] = "ghp_functions_test_token_0123456789",
        }, Ct);
        await using var serve = await ServeEndpointHost.StartAsync(azurite, github.Address, Ct);

        var differences = new List<string>();
        foreach (var row in SameAnswersTable.Rows)
        {
            var fromFunctions = await AnswerAsync(functions.Client, row);
            var fromServe = await AnswerAsync(serve.Client, row);
            if (fromFunctions != fromServe)
                differences.Add($"{row.Name}: Functions {fromFunctions} / serve {fromServe}");
            else if (fromFunctions.Status != (int)row.Expected)
                differences.Add($"{row.Name}: both {fromFunctions}, expected {(int)row.Expected}");
        }

        Assert.True(differences.Count == 0, string.Join('\n', differences));
    }

    private static async Task<Answer> AnswerAsync(HttpClient client, SameAnswersTable.Row row)
    {
        using var request = row.Request();
        using var response = await client.SendAsync(request, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        // Links in answers point at the host they came from; the rest must be the same.
        var origin = client.BaseAddress!.GetLeftPart(UriPartial.Authority);
        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", body.Replace(origin, "{origin}", StringComparison.Ordinal));
    }

    private sealed record Answer(int Status, string ContentType, string Body);
}
