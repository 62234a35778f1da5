using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using PPipe.Grains.Channels.Webhooks;
using PPipe.Grains.Enrollments;
using PPipe.Grains.Client.Outbound;

namespace PPipe.Grains.Tests.Infrastructure;

/// <summary>One in-process cluster of two silos shared by the tests of a collection; each test uses fresh grain keys.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Default);
            silo.UseInMemoryReminderService();
            silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));

            // What the enrollment grains need, as the hosts register it; loopback targets and fast retries for tests.
            silo.Services.AddPPipeGrainServices(silo.Configuration);
            silo.Services.Configure<EnrollmentOptions>(o => o.TickPeriod = TimeSpan.FromSeconds(1));
            silo.Services.Configure<OutboundOptions>(o => o.AllowLoopback = true);
            silo.Services.Configure<WebhookOptions>(o => o.FirstRetryDelay = TimeSpan.FromMilliseconds(50));
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
