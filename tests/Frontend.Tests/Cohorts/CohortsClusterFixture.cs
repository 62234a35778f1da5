using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Orleans.TestingHost;
using PPipe.Frontend.Accounts;
using PPipe.Grains;
using PPipe.Grains.Cohorts;
using PPipe.Grains.Scenarios;

namespace PPipe.Frontend.Tests.Cohorts;

/// <summary>One in-process silo with memory storage for the cohort and account pages; each test uses fresh ids.</summary>
public sealed class CohortsClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(StorageNames.Default);
            silo.UseInMemoryReminderService();
            silo.Services.AddSingleton<ScenarioCatalog>();
            silo.Services.AddSingleton<CohortDirectory>();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    /// <summary>Registers what the pages inject, backed by this cluster, plus MudBlazor with loose JS interop.</summary>
    public void AddServicesTo(BunitContext context)
    {
        context.Services.AddSingleton<IGrainFactory>(Client);
        context.Services.AddSingleton(TimeProvider.System);
        context.Services.AddSingleton(new ScenarioCatalog(Client));
        context.Services.AddSingleton(new CohortDirectory(Client, TimeProvider.System));
        context.Services.AddSingleton(new AccountService(Client, TimeProvider.System));
        context.Services.AddMudServices();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}
