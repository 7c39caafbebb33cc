using LoadOps.Functions.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
// Fail at start, not at the first message, when a seam (storage, queues) has no implementation registered.
builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
builder.ConfigureFunctionsWebApplication();
builder.AddLoadOpsFunctionsApp();
builder.Services.RequireUnprefixedQueues();
builder.Build().Run();
