using System.Collections.Concurrent;

namespace LoadOps.SampleTarget;

/// <summary>The shop's endpoints: products, cart, health, and the admin endpoints that change faults and read counters.</summary>
public static class ShopApi
{
    public const int ProductCount = 1000;
    public const int PageSize = 10;
    private const int MaxCarts = 100_000;

    public static void Map(WebApplication app, FaultInjector faults)
    {
        ArgumentNullException.ThrowIfNull(app);
        var carts = new ConcurrentDictionary<string, Cart>(StringComparer.Ordinal);
        var api = app.MapGroup("/api").AddEndpointFilter(async (context, next) =>
        {
            faults.Enter();
            try
            {
                return await faults.ApplyAsync(context.HttpContext.RequestAborted)
                    ? Results.Problem("injected error", statusCode: 500)
                    : await next(context);
            }
            finally
            {
                faults.Leave();
            }
        });

        api.MapGet("/products", (int? page) => page is null or < 1 or > ProductCount / PageSize
            ? Results.BadRequest(new { error = $"page must be 1..{ProductCount / PageSize}" })
            : Results.Ok(new ProductPage(Enumerable.Range(((page.Value - 1) * PageSize) + 1, PageSize).Select(Product.Of).ToList(), page.Value)));
        api.MapGet("/products/{id:int}", (int id) => id is >= 1 and <= ProductCount ? Results.Ok(Product.Of(id)) : Results.NotFound());
        api.MapPost("/cart", (CartLine line) =>
        {
            if (string.IsNullOrWhiteSpace(line.Sku) || line.Qty < 1)
                return Results.BadRequest(new { error = "sku and qty >= 1 are required" });
            if (carts.Count >= MaxCarts)
                carts.Clear();
            var cart = new Cart(Guid.NewGuid().ToString("N"), [line]);
            carts[cart.CartId] = cart;
            return Results.Created($"/api/cart/{cart.CartId}", cart);
        });
        api.MapGet("/cart/{cartId}", (string cartId) => carts.TryGetValue(cartId, out var cart) ? Results.Ok(cart) : Results.NotFound());

        app.MapGet("/health", () => Results.Text("ok"));
        app.MapPost("/admin/faults", (FaultChange change) =>
        {
            faults.Change(change);
            return Results.Ok(faults.Settings);
        });
        app.MapGet("/admin/stats", () => Results.Ok(new { requests = faults.Requests, maxConcurrent = faults.MaxConcurrent }));
        app.MapPost("/admin/stats/reset", () =>
        {
            faults.ResetCounters();
            return Results.NoContent();
        });
    }
}

public sealed record Product(int Id, string Name, decimal Price)
{
    public static Product Of(int id) => new(id, $"Product {id}", 5 + (id % 50));
}

public sealed record ProductPage(IReadOnlyList<Product> Items, int Page);

public sealed record CartLine(string Sku, int Qty);

public sealed record Cart(string CartId, IReadOnlyList<CartLine> Items);
