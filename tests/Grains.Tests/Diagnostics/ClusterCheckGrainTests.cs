using PPipe.Grains.Diagnostics;
using PPipe.Grains.Interfaces.Diagnostics;
using PPipe.Grains.Tests.Infrastructure;

namespace PPipe.Grains.Tests.Diagnostics;

[Collection(ClusterCollection.Name)]
public sealed class ClusterCheckGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Placement_ManyGrainsOnTwoSilos_ActivationsLandOnBoth()
    {
        var prefix = Guid.NewGuid().ToString("N");

        var statuses = await Task.WhenAll(Enumerable.Range(0, 40)
            .Select(i => fixture.Client.GetGrain<IClusterCheckGrain>($"{prefix}-{i}").GetAsync()));

        var silos = statuses.Select(s => s.ActiveOn).Distinct().ToList();
        Assert.Equal(2, silos.Count);
        Assert.All(fixture.Cluster.Silos, silo => Assert.Contains(silo.SiloAddress.ToString(), silos));
    }

    [Fact]
    public async Task Start_WithPeriod_TicksAndRecordsTheSilo()
    {
        var check = fixture.Client.GetGrain<IClusterCheckGrain>(Guid.NewGuid().ToString("N"));

        var started = await check.StartAsync(TimeSpan.FromSeconds(1));
        var ticked = await WaitAsync(check, s => s.Ticks >= 2);

        Assert.True(started.Running);
        Assert.Equal(TimeSpan.FromSeconds(1), started.Period);
        Assert.NotNull(ticked.LastTickAt);
        Assert.All(ticked.RecentTicks, t => Assert.Equal(ticked.ActiveOn, t.Silo));
    }

    [Fact]
    public async Task Stop_AfterTicks_NoMoreTicksAndRecordKept()
    {
        var check = fixture.Client.GetGrain<IClusterCheckGrain>(Guid.NewGuid().ToString("N"));
        await check.StartAsync(TimeSpan.FromSeconds(1));
        await WaitAsync(check, s => s.Ticks >= 1);

        var stopped = await check.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken);
        var later = await check.GetAsync();

        Assert.False(stopped.Running);
        Assert.Equal(stopped.Ticks, later.Ticks);
    }

    [Fact]
    public async Task RecentTicks_ManyTicks_CappedAtCapacity()
    {
        var check = fixture.Client.GetGrain<IClusterCheckGrain>(Guid.NewGuid().ToString("N"));
        await check.StartAsync(TimeSpan.FromSeconds(1));

        var status = await WaitAsync(check, s => s.Ticks >= ClusterCheckState.RecentTickCapacity + 2, TimeSpan.FromSeconds(60));

        Assert.Equal(ClusterCheckState.RecentTickCapacity, status.RecentTicks.Length);
        Assert.Equal(status.LastTickAt, status.RecentTicks[^1].At);
    }

    private static async Task<ClusterCheckStatus> WaitAsync(IClusterCheckGrain check, Func<ClusterCheckStatus, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var status = await check.GetAsync();
            if (done(status))
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Cluster check did not reach the expected state; last: {status}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
