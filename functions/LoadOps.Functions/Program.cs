using LoadOps.Functions.Hosting;
using LoadOps.Functions.Storage;

var builder = WebApplication.CreateSlimBuilder(args);
// Fail at start, not at the first webhook, when a seam (storage, queues) has no implementation registered.
builder.Host.UseDefaultServiceProvider(provider => provider.ValidateOnBuild = provider.ValidateScopes = true);
builder.WebHost.UseUrls(HandlerApp.ListenUrl(Environment.GetEnvironmentVariable(HandlerApp.PortVariable)));
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = HandlerApp.MaxRequestBytes);
builder.Services.AddLoadOpsFunctions(builder.Configuration);
builder.Services.AddLoadOpsStorage();

var app = builder.Build();
app.MapFunctions();
app.Run();
