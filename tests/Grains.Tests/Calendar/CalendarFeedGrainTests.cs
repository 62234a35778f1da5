using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using PPipe.Grains.Calendar;
using PPipe.Grains.Interfaces.Calendar;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Tests.Infrastructure;

namespace PPipe.Grains.Tests.Calendar;

[Collection(ClusterCollection.Name)]
public sealed class CalendarFeedGrainTests(ClusterFixture fixture)
{
    private static readonly EnrollmentKey Ada = new("c-0123456789ab", "ada");
    private static readonly EnrollmentKey Bob = new("c-0123456789ab", "bob");
    private static readonly DateTimeOffset Monday = new(2031, 2, 3, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Resolve_UnknownSecret_Null()
    {
        var feed = NewFeed();

        var resolved = await feed.ResolveAsync();

        Assert.Null(resolved);
    }

    [Fact]
    public async Task Bind_ThenResolve_TheEnrollmentAndItsExtension()
    {
        var feed = NewFeed();
        var extension = new StudentExtension(TimeSpan.FromHours(6), 2, Monday);

        var bound = await feed.BindAsync(Ada, extension);

        Assert.True(bound);
        Assert.Equal(new CalendarFeedBinding(Ada, extension), await feed.ResolveAsync());
    }

    [Fact]
    public async Task Bind_Answered_TheEntryIsInStorage()
    {
        var feed = NewFeed();
        var extension = new StudentExtension(TimeSpan.FromHours(2), 1, Monday);

        await feed.BindAsync(Ada, extension);

        var stored = new GrainState<CalendarFeedState>(new CalendarFeedState());
        await fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Default)
            .ReadStateAsync("calendar", feed.GetGrainId(), stored);
        Assert.Equal((Ada, false, extension), (stored.State!.Enrollment, stored.State.Revoked, stored.State.Extension));
    }

    [Fact]
    public async Task Bind_AnotherEnrollment_RefusedAndTheFirstKept()
    {
        var feed = NewFeed();
        await feed.BindAsync(Ada, StudentExtension.None);

        var other = await feed.BindAsync(Bob, StudentExtension.None);

        Assert.False(other);
        Assert.Equal(Ada, (await feed.ResolveAsync())!.Enrollment);
    }

    [Fact]
    public async Task Update_NewerRevisionTaken_OlderOrSameIgnored()
    {
        var feed = NewFeed();
        await feed.BindAsync(Ada, new StudentExtension(TimeSpan.FromHours(1), 1, Monday));

        await feed.UpdateAsync(new StudentExtension(TimeSpan.FromHours(3), 3, Monday.AddHours(2)));
        await feed.UpdateAsync(new StudentExtension(TimeSpan.FromHours(2), 2, Monday.AddHours(1)));
        await feed.UpdateAsync(new StudentExtension(TimeSpan.Zero, 3, Monday.AddHours(3)));

        Assert.Equal(new StudentExtension(TimeSpan.FromHours(3), 3, Monday.AddHours(2)), (await feed.ResolveAsync())!.Extension);
    }

    [Fact]
    public async Task Revoke_BoundSecret_NeverResolvesAgainNorCanBeBoundOrUpdated()
    {
        var feed = NewFeed();
        await feed.BindAsync(Ada, StudentExtension.None);

        await feed.RevokeAsync();
        var rebound = await feed.BindAsync(Ada, StudentExtension.None);
        await feed.UpdateAsync(new StudentExtension(TimeSpan.FromHours(1), 5, Monday));

        Assert.False(rebound);
        Assert.Null(await feed.ResolveAsync());
    }

    [Fact]
    public void Secret_NewOnes_WellFormedDistinctAndKeyedByTheirHash()
    {
        var first = CalendarSecret.New();
        var second = CalendarSecret.New();

        Assert.True(CalendarSecret.LooksValid(first));
        Assert.NotEqual(first, second);
        Assert.StartsWith("cal-", CalendarSecret.KeyOf(first), StringComparison.Ordinal);
        Assert.DoesNotContain(first[CalendarSecret.Prefix.Length..], CalendarSecret.KeyOf(first), StringComparison.Ordinal);
        Assert.False(CalendarSecret.LooksValid(first[..^1]));
        Assert.False(CalendarSecret.LooksValid(first[..^1] + "/"));
        Assert.False(CalendarSecret.LooksValid("ppt_" + first[CalendarSecret.Prefix.Length..]));
    }

    private ICalendarFeedGrain NewFeed() => fixture.Client.GetGrain<ICalendarFeedGrain>(CalendarSecret.KeyOf(CalendarSecret.New()));
}
