using PPipe.Grains.Client.Calendar;
using PPipe.Grains.Interfaces.Calendar;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Tests.Enrollments;
using PPipe.Grains.Tests.Enrollments.Policies;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Tests.Calendar;

/// <summary>The enrollment's side of its calendar feed, on the cluster's fake clock: the secret, its rotation, the extension's copy.</summary>
[Collection(ClusterCollection.Name)]
public sealed class EnrollmentCalendarTests(ClusterFixture fixture)
{
    [Fact]
    public async Task GetCalendar_NewEnrollment_OneSecretMadeOnceAndBoundToIt()
    {
        var enrollment = await EnrollAsync();

        var first = await enrollment.GetCalendarAsync();
        var again = await enrollment.GetCalendarAsync();

        Assert.Equal(first.Secret, again.Secret);
        Assert.True(CalendarSecret.LooksValid(first.Secret));
        Assert.Equal(first.Secret, (await enrollment.GetAsync())!.CalendarSecret);
        Assert.Equal(Key(enrollment), (await Feed(first.Secret).ResolveAsync())!.Enrollment);
    }

    [Fact]
    public async Task GetAsync_BeforeAnyCalendar_NoSecretMade()
    {
        var enrollment = await EnrollAsync();

        var snapshot = await enrollment.GetAsync();

        Assert.Null(snapshot!.CalendarSecret);
    }

    [Fact]
    public async Task RotateCalendar_PreviousSecretIsDeadWhenItAnswers()
    {
        var enrollment = await EnrollAsync();
        var old = await enrollment.GetCalendarAsync();

        var rotated = (await enrollment.RotateCalendarAsync()).Calendar!;

        Assert.NotEqual(old.Secret, rotated.Secret);
        Assert.Null(await Feed(old.Secret).ResolveAsync());
        Assert.Equal(Key(enrollment), (await Feed(rotated.Secret).ResolveAsync())!.Enrollment);
        Assert.Equal(rotated.Secret, (await enrollment.GetCalendarAsync()).Secret);
    }

    [Fact]
    public async Task RotateCalendar_PastTheHourlyLimit_RefusedUntilTheHourIsOver_AndTheCurrentUrlStays()
    {
        var enrollment = await EnrollAsync();
        var windowStart = fixture.Clock.UtcNow;
        for (var i = 0; i < CalendarRotationLimit.PerHour; i++)
        {
            Assert.NotNull((await enrollment.RotateCalendarAsync()).Calendar);
        }

        var current = await enrollment.GetCalendarAsync();

        var refused = await enrollment.RotateCalendarAsync();
        await fixture.AdvanceAsync(CalendarRotationLimit.Window);
        var later = await enrollment.RotateCalendarAsync();

        Assert.Equal(new CalendarRotation(null, windowStart + CalendarRotationLimit.Window), refused);
        Assert.NotNull(later.Calendar);
        Assert.NotEqual(current.Secret, later.Calendar.Secret);
        Assert.Null(await Feed(current.Secret).ResolveAsync());
    }

    [Fact]
    public async Task RotateCalendar_Refused_CurrentUrlKeepsWorking()
    {
        var enrollment = await EnrollAsync();
        for (var i = 0; i < CalendarRotationLimit.PerHour; i++)
        {
            await enrollment.RotateCalendarAsync();
        }

        var current = await enrollment.GetCalendarAsync();

        await enrollment.RotateCalendarAsync();

        Assert.Equal(current.Secret, (await enrollment.GetCalendarAsync()).Secret);
        Assert.Equal(Key(enrollment), (await Feed(current.Secret).ResolveAsync())!.Enrollment);
    }

    [Fact]
    public async Task SetExtension_FeedCopyUpdatedBeforeItAnswers_SameValueAgainIsNoNewRevision()
    {
        var enrollment = await EnrollAsync();
        var secret = (await enrollment.GetCalendarAsync()).Secret;
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(3));
        var grantedAt = fixture.Clock.UtcNow;

        await enrollment.SetExtensionAsync(TimeSpan.FromHours(12));
        var granted = (await Feed(secret).ResolveAsync())!.Extension;
        await fixture.AdvanceAsync(TimeSpan.FromMinutes(1));
        await enrollment.SetExtensionAsync(TimeSpan.FromHours(12));
        var repeated = (await Feed(secret).ResolveAsync())!.Extension;
        await enrollment.SetExtensionAsync(TimeSpan.Zero);
        var removed = (await Feed(secret).ResolveAsync())!.Extension;

        Assert.Equal(new StudentExtension(TimeSpan.FromHours(12), 1, grantedAt), granted);
        Assert.Equal(granted, repeated);
        Assert.Equal(new StudentExtension(TimeSpan.Zero, 2, fixture.Clock.UtcNow), removed);
        Assert.Equal(removed, (await enrollment.GetCalendarAsync()).Extension);
    }

    [Fact]
    public async Task GetCalendar_AfterAnExtension_NewFeedStartsWithIt()
    {
        var enrollment = await EnrollAsync();
        await enrollment.SetExtensionAsync(TimeSpan.FromHours(4));

        var calendar = await enrollment.GetCalendarAsync();
        var first = (await Feed(calendar.Secret).ResolveAsync())!.Extension;
        var rotated = (await enrollment.RotateCalendarAsync()).Calendar!;

        Assert.Equal((TimeSpan.FromHours(4), 1), (calendar.Extension.Extension, calendar.Extension.Revision));
        Assert.Equal(calendar.Extension, first);
        Assert.Equal(calendar.Extension, (await Feed(rotated.Secret).ResolveAsync())!.Extension);
    }

    [Fact]
    public async Task Schedule_DueTimes_AreTheDeadlinesTheEnrollmentEnforces()
    {
        var enrollment = await EnrollAsync();
        await enrollment.SetExtensionAsync(TimeSpan.FromHours(5));
        var calendar = await enrollment.GetCalendarAsync();
        var snapshot = (await enrollment.GetAsync())!;

        var schedule = StudentSchedule.Of(snapshot.Key, snapshot.Cohort, new ScenarioSchedule(PolicyScenario.Definition), calendar.Extension);
        var batches = await enrollment.GetBatchesAsync();

        var dues = schedule.Entries.Where(e => e.Kind == ScheduleEntryKind.BatchDue).Select(e => e.Start).ToList();
        Assert.Equal(3, dues.Count);
        Assert.Equal(batches.Select(b => Seconds(b.DueAt!.Value)), dues);
    }

    private async Task<IEnrollmentGrain> EnrollAsync() =>
        (await TestEnrollments.EnrollAsync(fixture.Client, PolicyScenario.Spec, fixture.Clock.UtcNow + TestEnrollments.Lead, PolicyScenario.Speed)).Enrollment;

    private ICalendarFeedGrain Feed(string secret) => fixture.Client.GetGrain<ICalendarFeedGrain>(CalendarSecret.KeyOf(secret));

    private static EnrollmentKey Key(IEnrollmentGrain enrollment) => EnrollmentKey.Parse(enrollment.GetPrimaryKeyString());

    private static DateTimeOffset Seconds(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
