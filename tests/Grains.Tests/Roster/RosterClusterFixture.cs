using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Enrollments;
using PPipe.Grains.Tests.Infrastructure;

namespace PPipe.Grains.Tests.Roster;

/// <summary>
/// A one-silo cluster for the roster and call-graph tests: P-PIPE's code runs on <see cref="Clock"/>, which stands still
/// until a test moves it (the silo's own machinery keeps real time), enrollment reminders tick only every
/// <see cref="ClusterFixture.EnrollmentTickPeriod"/>, and
/// <see cref="Gates"/> can hold or watch chosen calls.
/// </summary>
public sealed class RosterClusterFixture : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2031, 5, 5, 9, 0, 0, TimeSpan.Zero));

    public CallGates Gates { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>The silo's view of cohorts (one silo: the only one).</summary>
    public CohortDirectory Cohorts => Cluster.Silos[0].ServiceProvider.GetRequiredService<CohortDirectory>();

    public async ValueTask InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            silo.AddMemoryGrainStorage(StorageNames.Default);
            silo.UseInMemoryReminderService();
            silo.Services.AddPPipeGrainServices(silo.Configuration);
            silo.Services.Configure<EnrollmentOptions>(o => o.TickPeriod = ClusterFixture.EnrollmentTickPeriod);
            silo.AddIncomingGrainCallFilter(Gates);
            silo.AddOutgoingGrainCallFilter(Gates);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class RosterClusterCollection : ICollectionFixture<RosterClusterFixture>
{
    public const string Name = "roster-cluster";
}
