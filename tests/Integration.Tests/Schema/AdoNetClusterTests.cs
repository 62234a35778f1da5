using PPipe.TestSupport;

namespace PPipe.Integration.Tests.Schema;

/// <summary>Two in-process silos forming one cluster through the membership table.</summary>
public sealed class AdoNetClusterTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Membership_SecondSiloJoins_BothActive()
    {
        await using var database = new MigratedDatabase();
        await database.InitializeAsync();
        var clusterId = $"join-{Guid.NewGuid():N}";
        var serviceId = $"join-service-{Guid.NewGuid():N}";
        await using var first = await InProcessSilo.StartAsync(database.ConnectionString, clusterId, serviceId, Ct);

        await using var second = await InProcessSilo.StartAsync(database.ConnectionString, clusterId, serviceId, Ct);
        var rows = await Eventually.ReturnsAsync(
            () => OrleansTables.ReadMembershipAsync(database.DataSource, clusterId, Ct),
            r => r.Count(m => m.Status == MembershipRow.Active) == 2,
            "two Active silos in the membership table",
            Deadline, cancellationToken: TestContext.Current.CancellationToken);
        var seenByFirst = await Eventually.ReturnsAsync(
            () => first.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true),
            h => h.Count == 2,
            "the first silo to see both silos active",
            Deadline, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new[] { first.SiloPort, second.SiloPort }.Order(), rows.Select(r => r.Port).Order());
        Assert.All(rows, r => Assert.Equal(MembershipRow.Active, r.Status));
        Assert.Equal(new[] { first.Address, second.Address }.OrderBy(a => a.Endpoint.Port), seenByFirst.Keys.OrderBy(a => a.Endpoint.Port));
    }
}
