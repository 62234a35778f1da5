using PPipe.Grains.Assessment;
using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Notifications;
using static PPipe.Grains.Tests.Enrollments.Policies.PolicyScenario;

namespace PPipe.Grains.Tests.Notifications;

/// <summary>
/// Batches of <see cref="Enrollments.Policies.PolicyScenario"/> open on days 1, 2 and 3 and are due 12 hours later, late
/// work taken for 6 hours more; the reminder comes 6 hours before the deadline.
/// </summary>
public sealed class StudentNoticesTests
{
    private static readonly StudentNotices Notices = new(Hours(6));
    private static readonly SubmissionWindow Window = SubmissionWindow.For(Definition, null, TimeSpan.Zero);

    [Fact]
    public void Between_BatchOpening_ToldOnceWithItsDeadline()
    {
        var events = Notices.Between(Schedule, Window, Clock, [], Day(0.9), Day(1.1), WallAt(Day(1.1)));

        var opened = Assert.Single(events);
        Assert.Equal((NotificationKind.BatchOpened, "batch-1-opened", WallAt(Day(1))), (opened.Kind, opened.Key, opened.At));
        Assert.Contains($"due {NotificationText.Time(WallAt(Day(1.5)))}", opened.Detail, StringComparison.Ordinal);
        Assert.Empty(Notices.Between(Schedule, Window, Clock, [], Day(1.1), Day(1.2), WallAt(Day(1.2))));
    }

    [Fact]
    public void Between_DeadlineNearAndNothingSubmitted_Reminded()
    {
        var events = Notices.Between(Schedule, Window, Clock, [], Day(1.1), Day(1.3), WallAt(Day(1.3)));

        var reminder = Assert.Single(events);
        Assert.Equal((NotificationKind.BatchDueSoon, "batch-1-due-soon", WallAt(Day(1) + Hours(6))), (reminder.Kind, reminder.Key, reminder.At));
    }

    [Fact]
    public void Between_DeadlineNearButSubmitted_NoReminderAndNotMissed()
    {
        BatchOutcome[] submitted = [new() { Seq = 1, Submissions = 1 }];

        var events = Notices.Between(Schedule, Window, Clock, submitted, Day(1.1), Day(1.9), WallAt(Day(1.9)));

        Assert.Empty(events);
    }

    [Fact]
    public void Between_DeadlinePassedWithNothingSubmitted_MissedSaysUntilWhenLateWorkIsTaken()
    {
        var events = Notices.Between(Schedule, Window, Clock, [], Day(1.4), Day(1.6), WallAt(Day(1.6)));

        var missed = Assert.Single(events);
        Assert.Equal((NotificationKind.BatchMissed, "batch-1-missed"), (missed.Kind, missed.Key));
        Assert.Contains($"until {NotificationText.Time(WallAt(Day(1.5) + Hours(6)))}", missed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Between_LateWorkRefused_MissedSaysSo()
    {
        var reject = SubmissionWindow.For(Definition, new Interfaces.Cohorts.CohortLatePolicy("reject", 0, null), TimeSpan.Zero);

        var missed = Assert.Single(Notices.Between(Schedule, reject, Clock, [], Day(1.4), Day(1.6), WallAt(Day(1.6))));

        Assert.Contains("Late predictions are not taken.", missed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Between_ExtensionGiven_ReminderAndMissedMoveWithTheDeadline()
    {
        var extended = SubmissionWindow.For(Definition, null, Hours(4));

        var before = Notices.Between(Schedule, extended, Clock, [], Day(1.1), Day(1.5), WallAt(Day(1.5)));
        var after = Notices.Between(Schedule, extended, Clock, [], Day(1.5), Day(1.5) + Hours(4), WallAt(Day(1.5) + Hours(4)));

        Assert.Equal(["batch-1-due-soon"], before.Select(e => e.Key));
        Assert.Equal(WallAt(Day(1) + Hours(10)), before[0].At);
        Assert.Equal(["batch-1-missed"], after.Select(e => e.Key));
    }

    [Fact]
    public void Between_OneLookOverTheWholeScenario_EveryEventOnceInOrderOfBatches()
    {
        var events = Notices.Between(Schedule, Window, Clock, [], TimeSpan.Zero, Day(4), WallAt(Day(4)));

        Assert.Equal(
            ["batch-1-opened", "batch-1-missed", "batch-2-opened", "batch-2-missed", "batch-3-opened", "batch-3-missed"],
            events.Select(e => e.Key));
    }

    [Fact]
    public void NextAfter_SubmittedBatch_OnlyTheNextOpening()
    {
        BatchOutcome[] submitted = [new() { Seq = 1, Submissions = 1 }];

        Assert.Equal(Day(1) + Hours(6), Notices.NextAfter(Schedule, Window, [], Day(1.1)));
        Assert.Equal(Day(2), Notices.NextAfter(Schedule, Window, submitted, Day(1.1)));
        Assert.Null(Notices.NextAfter(Schedule, Window, [], Day(3.5)));
    }
}
