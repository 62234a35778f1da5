using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using PPipe.Grains;
using PPipe.Grains.Cohorts;
using PPipe.Grains.Roster;
using PPipe.Grains.Scenarios;

namespace PPipe.Frontend.Tests.Monitor;

/// <summary>An in-process silo with memory storage for the monitor's tests, and a helper that opens a cohort with students.</summary>
public sealed class MonitorCluster : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public ScenarioCatalog Scenarios => new(Client);

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

    /// <summary>Creates a running taxi-fares cohort (started an hour ago) and enrolls <paramref name="students"/> students s0000….</summary>
    public async Task<string> CohortWithStudentsAsync(int students, string? name = null)
    {
        var id = "c-" + Guid.NewGuid().ToString("N")[..12];
        var scenario = await Scenarios.GetAsync("taxi-fares", 1);
        var cohort = Client.GetGrain<ICohortGrain>(id);
        await cohort.CreateAsync(new CohortDefinition(name ?? "Monitor test", "taxi-fares", 1, DateTimeOffset.UtcNow.AddHours(-1), 1), scenario.Duration);
        var roster = Enumerable.Range(0, students)
            .Select(i => new NumberedRosterRow(i + 2, new RosterRow($"s{i:0000}", $"Student {i:0000}", $"s{i:0000}@example.edu")))
            .ToImmutableArray();
        var outcomes = await cohort.EnrollAsync(roster);
        Assert.All(outcomes, o => Assert.Null(o.Error));
        return id;
    }

    public async ValueTask DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class MonitorCollection : ICollectionFixture<MonitorCluster>
{
    public const string Name = "monitor";
}
