using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using PPipe.Grains;
using PPipe.Grains.Channels.Webhooks;
using PPipe.Grains.Cohorts;
using PPipe.Grains.Enrollments;
using PPipe.Grains.Outbound;
using PPipe.Grains.Probes;
using PPipe.Grains.Scenarios;

namespace PPipe.Frontend.Tests.Infrastructure;

/// <summary>
/// One in-process silo with memory storage and reminders, registered as the hosts register the grains'
/// services, shared by the component tests of <see cref="UiClusterCollection"/>. Pages get
/// <see cref="Grains"/> as their <see cref="IGrainFactory"/>; each test uses fresh grain keys.
/// </summary>
public sealed class UiClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Default);
            silo.UseInMemoryReminderService();
            silo.Services.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            silo.Services.AddSingleton<ScenarioCatalog>();
            silo.Services.AddSingleton<CohortDirectory>();
            silo.Services.Configure<EnrollmentOptions>(o => o.TickPeriod = TimeSpan.FromSeconds(1));
            silo.Services.Configure<OutboundOptions>(o => o.AllowLoopback = true);
            silo.Services.AddSingleton<OutboundHttp>();
            silo.Services.AddSingleton<WebhookSender>();
            silo.Services.AddPPipeProbes(silo.Configuration);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
