using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using PPipe.Grains;
using PPipe.Grains.Cohorts;
using PPipe.Grains.Scenarios;

namespace PPipe.Frontend.Tests.Infrastructure;

/// <summary>
/// One in-process silo with memory storage and reminders, shared by the component tests of <see cref="UiClusterCollection"/>. Pages get
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
            // What the pages' grains need: scenarios, the library index and cohorts keep state in memory;
            // cohorts resolve their scenario through the catalog. Add outbound/probe services here when a
            // page under test starts enrollments that call students' endpoints.
            silo.Services.AddSingleton<ScenarioCatalog>().AddSingleton<CohortDirectory>();
            silo.AddMemoryGrainStorage(StorageNames.Default).UseInMemoryReminderService();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
