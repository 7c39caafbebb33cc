using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace LoadOps.Functions.Tests.Metadata;

/// <summary>
/// Plays the Functions host's HTTP front end: every httpTrigger of functions.metadata at <c>/api/{route}</c> for its
/// methods, each request calling the entry point on a function class the worker would build (ActivatorUtilities over the
/// app's services) and executing the <see cref="IActionResult"/> it returns.
/// </summary>
internal static class HttpTriggerRoutes
{
    public const string RoutePrefix = "/api/";

    public static void MapAll(WebApplication app, IEnumerable<FunctionEntry> functions)
    {
        foreach (var function in functions.Where(f => f.TriggerType == "httpTrigger"))
        {
            var (type, method) = function.Resolve();
            var methods = function.Trigger["methods"]!.AsArray().Select(m => ((string)m!).ToUpperInvariant()).ToList();
            app.MapMethods(RoutePrefix + (string)function.Trigger["route"]!, methods, async (HttpContext context) =>
            {
                var instance = ActivatorUtilities.CreateInstance(context.RequestServices, type);
                var result = await (Task<IActionResult>)method.Invoke(instance, [context.Request, context.RequestAborted])!;
                await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
            });
        }
    }
}
