using System.Collections.Concurrent;

namespace LoadOps.SampleTarget;

/// <summary>
/// Sessions, for definitions with setup and teardown: log in once (<c>POST /api/sessions</c>), call
/// <c>GET /api/account</c> with the bearer token, log out (<c>DELETE /api/sessions/{token}</c>).
/// <c>GET /admin/sessions</c> says how many were opened and closed, so a test can see setup and teardown ran.
/// </summary>
public static class SessionApi
{
    private const int MaxSessions = 10_000;

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var sessions = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var opened = 0L;
        var closed = 0L;
        app.MapPost("/api/sessions", (Login login) =>
        {
            if (string.IsNullOrWhiteSpace(login.User))
                return Results.BadRequest(new { error = "user is required" });
            if (sessions.Count >= MaxSessions)
                return Results.Problem("too many open sessions", statusCode: 503);
            var token = Guid.NewGuid().ToString("N");
            sessions[token] = login.User;
            Interlocked.Increment(ref opened);
            return Results.Created($"/api/sessions/{token}", new { token, user = login.User });
        });
        app.MapGet("/api/account", (HttpRequest request) =>
        {
            var header = request.Headers.Authorization.ToString();
            return header.StartsWith("Bearer ", StringComparison.Ordinal) && sessions.TryGetValue(header[7..], out var user)
                ? Results.Ok(new { user })
                : Results.Unauthorized();
        });
        app.MapDelete("/api/sessions/{token}", (string token) =>
        {
            if (!sessions.TryRemove(token, out _))
                return Results.NotFound();
            Interlocked.Increment(ref closed);
            return Results.NoContent();
        });
        app.MapGet("/admin/sessions", () => Results.Ok(new SessionCounts(Interlocked.Read(ref opened), Interlocked.Read(ref closed), sessions.Count)));
    }
}

public sealed record Login(string User);

public sealed record SessionCounts(long Opened, long Closed, int Open);
