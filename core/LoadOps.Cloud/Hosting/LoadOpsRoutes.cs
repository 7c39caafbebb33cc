using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LoadOps.Cloud.Hosting;

/// <summary>
/// The HTTP endpoints of both hosts: names (the Functions app's function names, also what the log calls them), routes
/// under <see cref="Prefix"/> and methods. The Functions app declares them on its triggers; <c>loadops serve</c> maps
/// them with <see cref="MapLoadOpsHttp"/>. Either way the answer comes from <see cref="LoadOpsHttpHandlers"/>.
/// </summary>
public static class LoadOpsRoutes
{
    /// <summary>The Functions host's route prefix, which serve's route group uses too.</summary>
    public const string Prefix = "/api";

    public const string Webhook = "webhook";
    public const string WebhookRoute = "github/webhook";
    public const string Runs = "runs";
    public const string RunsRoute = "runs";
    public const string Run = "run";
    public const string RunRoute = "runs/{runId}";
    public const string RunReport = "runreport";
    public const string RunReportRoute = "runs/{runId}/{report}";
    public const string TestHistory = "testhistory";
    public const string TestHistoryRoute = "tests/{test}/history";

    /// <summary>
    /// Maps the webhook and the run API as a route group under <see cref="Prefix"/>, answered by the
    /// <see cref="LoadOpsHttpHandlers"/> registered in the app's services.
    /// </summary>
    public static RouteGroupBuilder MapLoadOpsHttp(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(Prefix);
        group.MapPost(WebhookRoute, context => AnswerWebhookAsync(context, Webhook));
        // The run API behind the bearer policy, in one place; the webhook authenticates by its signature instead.
        var api = group.MapGroup("").RequireAuthorization(ApiAuthorization.Policy);
        api.MapMethods(RunsRoute, [HttpMethods.Get, HttpMethods.Post], context => AnswerRunApiAsync(context, Runs));
        api.MapGet(RunRoute, context => AnswerRunApiAsync(context, Run));
        api.MapGet(RunReportRoute, context => AnswerRunApiAsync(context, RunReport));
        api.MapGet(TestHistoryRoute, context => AnswerRunApiAsync(context, TestHistory));
        return group;
    }

    private static async Task AnswerWebhookAsync(HttpContext context, string name)
    {
        var answer = await Handlers(context).WebhookAsync(name, context.Request, context.RequestAborted);
        await HttpBinding.WriteAsync(context.Response, answer, context.RequestAborted);
    }

    private static async Task AnswerRunApiAsync(HttpContext context, string name)
    {
        var answer = await Handlers(context).RunApiAsync(name, context.Request, context.RequestAborted);
        await HttpBinding.WriteAsync(context.Response, answer, context.RequestAborted);
    }

    private static LoadOpsHttpHandlers Handlers(HttpContext context) => context.RequestServices.GetRequiredService<LoadOpsHttpHandlers>();
}
