using LoadOps.Cloud.Hosting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace LoadOps.Cloud.Tests.Hosting;

/// <summary>The bearer policy sits on the run API's route group, in one place: every API route has it, the webhook (signed instead) does not.</summary>
public sealed class RunApiPolicyTests
{
    [Fact]
    public async Task Every_run_api_route_requires_the_bearer_policy_and_the_webhook_does_not()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["LoadOps:Storage:ConnectionString"] = "UseDevelopmentStorage=true" });
        builder.Services.AddLoadOpsPipeline(builder.Configuration);
        await using var app = builder.Build();
        app.MapLoadOpsHttp();

        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>().ToList();
        string? PolicyOf(RouteEndpoint endpoint) => endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().SingleOrDefault()?.Policy;

        var api = endpoints.Where(e => e.RoutePattern.RawText!.Contains(LoadOpsRoutes.RunsRoute, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, api.Count);
        Assert.All(api, endpoint => Assert.Equal(ApiAuthorization.Policy, PolicyOf(endpoint)));
        var webhook = Assert.Single(endpoints, e => e.RoutePattern.RawText!.Contains(LoadOpsRoutes.WebhookRoute, StringComparison.Ordinal));
        Assert.Null(PolicyOf(webhook));
    }
}
