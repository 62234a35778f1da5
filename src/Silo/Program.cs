// A P-PIPE silo process for cluster mode: grains, reminders and (later) probes, with membership,
// grain state and reminders in PostgreSQL.
//
//   dotnet PPipe.Silo.dll            start a silo (applies pending schema scripts first, unless
//                                    Database:MigrateOnStart is false)
//   dotnet PPipe.Silo.dll migrate    apply pending schema scripts and exit
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PPipe.Hosting;
using PPipe.Hosting.Schema;

var migrateOnly = args.Length > 0 && args[0] == "migrate";
// Configuration (appsettings.json) is read from the silo's own folder wherever it is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
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

builder.AddPPipeSilo();

using var host = builder.Build();
await host.MigrateSchemaIfConfiguredAsync();
await host.RunAsync();
return 0;
