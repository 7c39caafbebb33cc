using System.Security.Claims;
using LoadOps.Cloud.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LoadOps.Cloud.Hosting;

/// <summary>
/// The one place the run API's callers are authenticated: the <see cref="Policy"/> that serve's route group requires
/// (<see cref="LoadOpsRoutes.MapLoadOpsHttp"/>) and that the Functions app's API functions apply before they answer
/// (<see cref="LoadOpsHttpHandlers.RunApiAsync"/>), over the bearer scheme of <see cref="ApiBearerHandler"/>.
/// </summary>
public static class ApiAuthorization
{
    public const string Scheme = ApiTokenCheck.Scheme;
    public const string Policy = "LoadOpsRunApi";

    /// <summary>The claim of a token limited to one repository (absent: every repository).</summary>
    public const string RepositoryClaim = "loadops:repository";

    public static IServiceCollection AddLoadOpsApiAuthorization(this IServiceCollection services)
    {
        // No default scheme: only the policy (and the Functions handler) asks for it, so the webhook never runs the bearer check.
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiBearerHandler>(Scheme, configureOptions: null);
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return services;
    }

    /// <summary>
    /// The caller of an API request: the user the policy authenticated, else (a host without endpoint routing, the
    /// Functions worker) the scheme is asked now; or the 401 to answer when the token is refused.
    /// </summary>
    public static async Task<(ApiCaller? Caller, ApiResponse? Refusal)> AuthenticateAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity is { IsAuthenticated: true, AuthenticationType: Scheme })
            return (CallerOf(context.User), null);
        var result = await context.AuthenticateAsync(Scheme);
        if (!result.Succeeded)
            return (null, ApiBearerHandler.RefusalOf(context));
        context.User = result.Principal;
        return (CallerOf(result.Principal), null);
    }

    internal static ClaimsPrincipal PrincipalOf(ApiCaller caller)
    {
        var identity = new ClaimsIdentity(Scheme);
        if (caller.Repository is { } repository)
            identity.AddClaim(new Claim(RepositoryClaim, repository));
        return new ClaimsPrincipal(identity);
    }

    private static ApiCaller CallerOf(ClaimsPrincipal user) => new(user.FindFirst(RepositoryClaim)?.Value);
}
