// A P-PIPE silo process for cluster mode: grains, reminders, probes and webhooks, with membership, grain state and
// reminders in PostgreSQL. It also serves the operations endpoints (/healthz, /readyz, /metrics) over HTTP.
//
//   dotnet PPipe.Silo.dll            start a silo (applies pending schema scripts first, unless
//                                    Database:MigrateOnStart is false)
//   dotnet PPipe.Silo.dll migrate    apply pending schema scripts and exit
//
// The operations endpoints listen where ASP.NET is told to (--urls, ASPNETCORE_URLS); by default on a free loopback
// port, named in the log, so several silos can share a machine.
using PPipe.Hosting;
using PPipe.Hosting.Operations;
using PPipe.Hosting.Schema;

var migrateOnly = args.Length > 0 && args[0] == "migrate";

// Configuration (appsettings.json) is read from the silo's own folder wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = migrateOnly ? args[1..] : args,
    ContentRootPath = AppContext.BaseDirectory,
});

if (migrateOnly)
{
    builder.AddPPipeDatabase();
    using var tool = builder.Build();
    var result = await tool.Services.GetRequiredService<SchemaMigrator>().MigrateAsync(CancellationToken.None);
    Console.WriteLine(result);
    return 0;
}

if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"])
    && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
{
    builder.WebHost.UseUrls("http://127.0.0.1:0");
}

builder.AddPPipeSilo();
builder.AddPPipeTelemetry();
builder.AddPPipeHealthChecks(isSilo: true);

var app = builder.Build();
app.MapPPipeOperations();
await app.MigrateSchemaIfConfiguredAsync();
await app.RunAsync();
return 0;
