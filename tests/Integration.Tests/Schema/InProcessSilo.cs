using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Schema;

/// <summary>
/// A silo in the test process, configured only with the three Orleans ADO.NET providers on the given
/// database (invariant Npgsql, connection string, no P-PIPE hosting code), so a failure points at the
/// schema rather than at the application's setup.
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    private const string Invariant = "Npgsql";

    private readonly IHost _host;

    private InProcessSilo(IHost host, int siloPort, int gatewayPort)
    {
        _host = host;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public SiloAddress Address => _host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public static async Task<InProcessSilo> StartAsync(string connectionString, string clusterId, string serviceId, CancellationToken cancellationToken)
    {
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        while (gatewayPort == siloPort)
        {
            gatewayPort = FreePort.Next();
        }

        // No default configuration sources: nothing from the environment or an appsettings.json next
        // to the test binaries can change what this silo does.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = serviceId;
            })
            .Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1))
            .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort)
            .UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            })
            .AddAdoNetGrainStorage(ProviderProbeGrain.StorageName, o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            })
            .UseAdoNetReminderService(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            }));

        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new InProcessSilo(host, siloPort, gatewayPort);
    }

    /// <summary>Stops the silo gracefully: it marks itself Dead in the membership table and hands its reminders over.</summary>
    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
