using PPipe.Grains.Diagnostics;
using PPipe.Grains.Interfaces.Diagnostics;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Diagnostics;

[Collection(ClusterCollection.Name)]
public sealed class ClusterCheckGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

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
        var check = NewCheck();

        var started = await check.StartAsync(Period);
        var ticked = await TickUntilAsync(check, s => s.Ticks >= 2);

        Assert.True(started.Running);
        Assert.Equal(Period, started.Period);
        Assert.True(fixture.Clock.UtcNow - started.StartedAt >= 2 * Period, "ticks come as the clock moves, a period apart");
        Assert.NotNull(ticked.LastTickAt);
        Assert.All(ticked.RecentTicks, t => Assert.Equal(ticked.ActiveOn, t.Silo));
    }

    [Fact]
    public async Task Stop_AfterTicks_NoMoreTicksAndRecordKept()
    {
        var check = NewCheck();
        var control = NewCheck();
        await check.StartAsync(Period);
        await control.StartAsync(Period);
        await TickUntilAsync(check, s => s.Ticks >= 1);

        var stopped = await check.StopAsync();
        var controlAtStop = (await control.GetAsync()).Ticks;
        await TickUntilAsync(control, s => s.Ticks >= controlAtStop + 3); // while the control ticks three times more
        var later = await check.GetAsync();

        Assert.False(stopped.Running);
        Assert.Equal(stopped.Ticks, later.Ticks);
        Assert.Equal(stopped.LastTickAt, later.LastTickAt);
    }

    [Fact]
    public async Task RecentTicks_ManyTicks_CappedAtCapacity()
    {
        var check = NewCheck();
        await check.StartAsync(Period);

        var status = await TickUntilAsync(check, s => s.Ticks >= ClusterCheckState.RecentTickCapacity + 2);

        Assert.Equal(ClusterCheckState.RecentTickCapacity, status.RecentTicks.Length);
        Assert.Equal(status.LastTickAt, status.RecentTicks[^1].At);
    }

    private IClusterCheckGrain NewCheck() => fixture.Client.GetGrain<IClusterCheckGrain>(Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Moves the cluster's clock a period at a time until the check's status satisfies <paramref name="done"/>: each move
    /// fires the reminder's tick, whose delivery to the grain is real asynchronous work the status shows a little later.
    /// </summary>
    private Task<ClusterCheckStatus> TickUntilAsync(IClusterCheckGrain check, Func<ClusterCheckStatus, bool> done) =>
        Eventually.ReturnsAsync(
            async () =>
            {
                var status = await check.GetAsync();
                if (!done(status))
                {
                    await fixture.Clock.AdvanceAsync(Period);
                }

                return status;
            },
            done,
            "the cluster check's reminder ticks",
            cancellationToken: TestContext.Current.CancellationToken);
}
