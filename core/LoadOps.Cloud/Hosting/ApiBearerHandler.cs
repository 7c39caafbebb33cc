using System.Text.Encodings.Web;
using LoadOps.Cloud.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoadOps.Cloud.Hosting;

/// <summary>
/// The run API's bearer tokens as an ASP.NET Core authentication scheme (<see cref="ApiAuthorization.Scheme"/>): the
/// token is checked by <see cref="ApiTokenCheck"/>, the caller's repository limit becomes a claim, and a refusal is
/// the API's own 401 (a message saying what to do, <c>WWW-Authenticate</c>), never an echo of what was sent.
/// </summary>
internal sealed partial class ApiBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, ApiTokenCheck tokens)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    private static readonly object RefusalKey = new();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (tokens.TryAuthorize(Request.Headers.Authorization.FirstOrDefault(), out var caller, out var refusal))
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(ApiAuthorization.PrincipalOf(caller), ApiAuthorization.Scheme)));
        Context.Items[RefusalKey] = refusal;
        return Task.FromResult(AuthenticateResult.Fail(refusal.LogNote ?? "API call refused: no bearer token"));
    }

    /// <summary>The 401 the last authentication of this request produced (a generic one if it was not asked).</summary>
    public static ApiResponse RefusalOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[RefusalKey] as ApiResponse
            ?? ApiResponse.Error(401, "Send the API token as 'Authorization: Bearer TOKEN'.") with
            {
                Headers = new Dictionary<string, string> { ["WWW-Authenticate"] = $"{ApiAuthorization.Scheme} realm=\"loadops\"" },
            };
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var refusal = RefusalOf(Context);
        if (refusal.LogNote is { } note)
            LogRefused(Logger, Request.Path.Value ?? "", note);
        await HttpBinding.WriteAsync(Response, refusal, Context.RequestAborted);
    }

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "{Path} answered 401: {Note}")]
    private static partial void LogRefused(ILogger logger, string path, string note);
}
