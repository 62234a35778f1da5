using Microsoft.Extensions.Time.Testing;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.Grains.Client.Cohorts;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Cohorts;

[Collection(ClusterCollection.Name)]
public sealed class CohortDirectoryTests(ClusterFixture fixture)
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Get_ManyCallersAtOnce_AllGetTheCohort()
    {
        var id = await CreateCohortAsync("many");
        var directory = new CohortDirectory(fixture.Client, _time);

        var seen = await Task.WhenAll(Enumerable.Range(0, 2_000).Select(_ => directory.GetAsync(id).AsTask()));

        Assert.All(seen, info => Assert.Equal("many", info?.Name));
    }

    [Fact]
    public async Task Get_UnknownCohort_NullAndNotRemembered()
    {
        var id = TestCohorts.NewId("c-");
        var directory = new CohortDirectory(fixture.Client, _time);

        var before = await directory.GetAsync(id);
        await CreateCohortAsync("late", id);
        var after = await directory.GetAsync(id);

        Assert.Null(before);
        Assert.Equal("late", after?.Name);
    }

    [Fact]
    public async Task Get_ChangedWithinFreshness_OldUntilStaleThenNew()
    {
        var id = await CreateCohortAsync("paused later");
        var directory = new CohortDirectory(fixture.Client, _time);
        Assert.False((await directory.GetAsync(id))!.Clock.IsPaused);

        await fixture.Client.GetGrain<ICohortGrain>(id).PauseAsync();
        var withinFreshness = await directory.GetAsync(id);
        _time.Advance(CohortDirectory.Freshness);
        var staleWhileReading = await directory.GetAsync(id);
        var read = await WaitAsync(directory, id, info => info.Clock.IsPaused);

        Assert.False(withinFreshness!.Clock.IsPaused);
        Assert.False(staleWhileReading!.Clock.IsPaused);
        Assert.True(read.Clock.IsPaused);
    }

    [Fact]
    public async Task Get_LastReadBeyondTheStaleLimit_WaitsForTheReadInsteadOfServingTheOldView()
    {
        var id = await CreateCohortAsync("paused long ago");
        var directory = new CohortDirectory(fixture.Client, _time);
        Assert.False((await directory.GetAsync(id))!.Clock.IsPaused);

        await fixture.Client.GetGrain<ICohortGrain>(id).PauseAsync();
        _time.Advance(CohortDirectory.StaleLimit);
        var afterAWhile = await directory.GetAsync(id);

        Assert.True(afterAWhile!.Clock.IsPaused);
    }

    [Fact]
    public async Task Invalidate_AfterAChange_NextGetIsFresh()
    {
        var id = await CreateCohortAsync("invalidated");
        var directory = new CohortDirectory(fixture.Client, _time);
        await directory.GetAsync(id);

        await fixture.Client.GetGrain<ICohortGrain>(id).PauseAsync();
        directory.Invalidate(id);

        Assert.True((await directory.GetAsync(id))!.Clock.IsPaused);
    }

    private static async Task<CohortInfo> WaitAsync(CohortDirectory directory, string id, Func<CohortInfo, bool> done) =>
        (await Eventually.ReturnsAsync(async () => await directory.GetAsync(id), info => info is not null && done(info), "the directory to show the change",
            cancellationToken: TestContext.Current.CancellationToken))!;

    private async Task<string> CreateCohortAsync(string name, string? id = null)
    {
        id ??= TestCohorts.NewId("c-");
        await fixture.Client.GetGrain<ICohortGrain>(id)
            .CreateAsync(new CohortDefinition(name, "taxi-fares", 1, fixture.Clock.UtcNow.AddHours(-1), 60), TimeSpan.FromDays(28));
        return id;
    }
}
