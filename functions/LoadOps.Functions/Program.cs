using LoadOps.Functions.Hosting;
using Microsoft.Extensions.Hosting;

FunctionsApp.CreateHost(args).Run();
