using PPipe.Grains.Client.Calendar;
using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Calendar;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using static PPipe.Grains.Tests.Enrollments.Policies.PolicyScenario;

namespace PPipe.Grains.Tests.Calendar;

/// <summary>
/// A student's schedule from <c>PolicyScenario</c> (one scenario day per wall-clock hour): releases daily from day 0,
/// batches opening on days 1 to 3, due 12 h later, late work for 6 h more.
/// </summary>
public sealed class StudentScheduleTests
{
    private static readonly EnrollmentKey Ada = new("c-0123456789ab", "ada");
    private static readonly DateTimeOffset CreatedAt = StartsAt - TimeSpan.FromDays(2);

    [Fact]
    public void Of_RunningCohort_EveryReleaseBatchAndDeadlineAtTheClocksWallTime()
    {
        var schedule = Of(Clock);

        Assert.Equal([WallAt(Day(0)), WallAt(Day(1)), WallAt(Day(2)), WallAt(Day(3))], Starts(schedule, ScheduleEntryKind.Release));
        var windows = schedule.Entries.Where(e => e.Kind == ScheduleEntryKind.BatchWindow).ToList();
        Assert.Equal([WallAt(Day(1)), WallAt(Day(2)), WallAt(Day(3))], windows.Select(w => w.Start));
        Assert.Equal([WallAt(Day(1.5)), WallAt(Day(2.5)), WallAt(Day(3.5))], windows.Select(w => w.End!.Value));
        Assert.Equal([WallAt(Day(1.5)), WallAt(Day(2.5)), WallAt(Day(3.5))], Starts(schedule, ScheduleEntryKind.BatchDue));
        Assert.Equal([WallAt(Day(1.75)), WallAt(Day(2.75)), WallAt(Day(3.75))], Starts(schedule, ScheduleEntryKind.LateCutoff));
        Assert.Equal([WallAt(Day(4))], Starts(schedule, ScheduleEntryKind.End));
        Assert.All(schedule.Entries, e => Assert.False(e.Tentative));
        Assert.All(schedule.Entries, e => Assert.Equal(0, e.Sequence));
        Assert.All(schedule.Entries, e => Assert.Equal(CreatedAt, e.LastModified));
        Assert.Null(schedule.PausedSince);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("reject")]
    [InlineData("accept")]
    [InlineData("penalty")]
    public void Of_Extension_DeadlinesAreTheEnrollmentsSubmissionWindow(string? cohortPolicy)
    {
        var late = cohortPolicy is null ? null : new CohortLatePolicy(cohortPolicy, 0.5, cohortPolicy == "penalty" ? Hours(3) : null);
        var extension = new StudentExtension(Hours(5), 1, StartsAt);
        var window = SubmissionWindow.For(Definition, late, extension.Extension);

        var schedule = StudentSchedule.Of(Ada, Cohort(Clock, late), Schedule, extension);

        Assert.Equal(Schedule.Batches.Select(b => WallAt(window.DueAt(b))), Starts(schedule, ScheduleEntryKind.BatchDue));
        Assert.Equal(Schedule.Batches.Select(b => WallAt(window.DueAt(b))), schedule.Entries.Where(e => e.Kind == ScheduleEntryKind.BatchWindow).Select(e => e.End!.Value));
        // A cutoff event wherever late work is taken: until the scenario's 6 h, the cohort's 3 h, or the labels' reveal.
        var cutoffs = Starts(schedule, ScheduleEntryKind.LateCutoff);
        if (cohortPolicy is not "reject")
        {
            Assert.Equal(Schedule.Batches.Select(b => WallAt(window.ClosesAt(b))), cutoffs);
        }
        else
        {
            Assert.Empty(cutoffs);
        }
    }

    [Fact]
    public void Of_CohortTakesLateWorkWithoutCutoff_LateWorkClosesWhenTheLabelsAreRevealed()
    {
        var late = new CohortLatePolicy("penalty", 0.2, null);

        var schedule = StudentSchedule.Of(Ada, Cohort(Clock, late), Schedule, StudentExtension.None);

        Assert.Equal([WallAt(Day(2)), WallAt(Day(3)), WallAt(Day(4))], Starts(schedule, ScheduleEntryKind.LateCutoff));
        Assert.Equal("Your due time for batch 1. Late work is taken until its labels are revealed and loses 20 % of its score.",
            Entry(schedule, ScheduleEntryKind.BatchDue, 1).Description);
        Assert.Equal("Batch 1 takes no more late work after this: its labels are revealed then.", Entry(schedule, ScheduleEntryKind.LateCutoff, 1).Description);
    }

    [Fact]
    public void Of_ExtensionRevised_OnlyDeadlinesMoveAndCountIt()
    {
        var changedAt = StartsAt + TimeSpan.FromMinutes(30);

        var schedule = StudentSchedule.Of(Ada, Cohort(Clock), Schedule, new StudentExtension(Hours(2), 3, changedAt));

        Assert.All(schedule.Entries.Where(IsDeadline), e => Assert.Equal((3, changedAt), (e.Sequence, e.LastModified)));
        Assert.All(schedule.Entries.Where(e => !IsDeadline(e)), e => Assert.Equal((0, CreatedAt), (e.Sequence, e.LastModified)));
        Assert.Equal(changedAt, schedule.LastModified);
        Assert.Contains("extension of 2h", schedule.Entries.First(e => e.Kind == ScheduleEntryKind.BatchDue).Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_OpenPause_LaterEventsKeepTheirTimesAsTentativeAndEarlierOnesStay()
    {
        var pausedAt = WallAt(Day(1.25));
        var clock = Clock.Pause(pausedAt);

        var schedule = StudentSchedule.Of(Ada, Cohort(clock), Schedule, StudentExtension.None);

        var release2 = Entry(schedule, ScheduleEntryKind.Release, 2);
        var release3 = Entry(schedule, ScheduleEntryKind.Release, 3);
        Assert.Equal((WallAt(Day(1)), false, 0, CreatedAt), (release2.Start, release2.Tentative, release2.Sequence, release2.LastModified));
        Assert.Equal((WallAt(Day(2)), true, 1, pausedAt), (release3.Start, release3.Tentative, release3.Sequence, release3.LastModified));
        Assert.Contains("paused", release3.Description, StringComparison.Ordinal);
        // Batch 1 opened before the pause but is due after it: its window's end is not known, so the window is tentative.
        Assert.True(Entry(schedule, ScheduleEntryKind.BatchWindow, 1).Tentative);
        Assert.Equal(pausedAt, schedule.PausedSince);
    }

    [Fact]
    public void Of_ResumedPause_LaterEventsMovedByItsLengthAndTwoVersionsOn()
    {
        var pausedAt = WallAt(Day(1.25));
        var resumedAt = pausedAt + TimeSpan.FromMinutes(40);
        var clock = Clock.Pause(pausedAt).Resume(resumedAt);

        var schedule = StudentSchedule.Of(Ada, Cohort(clock), Schedule, StudentExtension.None);

        var release3 = Entry(schedule, ScheduleEntryKind.Release, 3);
        Assert.Equal((WallAt(Day(2)) + TimeSpan.FromMinutes(40), false, 2, resumedAt), (release3.Start, release3.Tentative, release3.Sequence, release3.LastModified));
        Assert.Equal(clock.WallTimeAt(Day(2)), release3.Start);
        Assert.Equal(0, Entry(schedule, ScheduleEntryKind.Release, 2).Sequence);
        Assert.All(schedule.Entries, e => Assert.False(e.Tentative));
    }

    [Fact]
    public void Of_SameInputs_SameEventsAndUids_AnotherStudentOtherUids()
    {
        var first = Of(Clock);
        var again = Of(Clock);
        var bob = StudentSchedule.Of(new EnrollmentKey(Ada.CohortId, "bob"), Cohort(Clock), Schedule, StudentExtension.None);

        Assert.Equal(first.Entries, again.Entries);
        Assert.Equal(first.Entries.Count, first.Entries.Select(e => e.Uid).Distinct().Count());
        Assert.Empty(first.Entries.Select(e => e.Uid).Intersect(bob.Entries.Select(e => e.Uid)));
        Assert.All(first.Entries, e => Assert.DoesNotContain("ada", e.Uid, StringComparison.Ordinal));
    }

    [Fact]
    public void Of_FractionalSeconds_TruncatedToWholeSeconds()
    {
        var clock = CohortClock.Create(StartsAt + TimeSpan.FromMilliseconds(700), 7);

        var schedule = StudentSchedule.Of(Ada, Cohort(clock), Schedule, StudentExtension.None);

        Assert.All(schedule.Entries, e => Assert.Equal(0, e.Start.UtcTicks % TimeSpan.TicksPerSecond));
        Assert.Equal(StartsAt, Entry(schedule, ScheduleEntryKind.Release, 1).Start);
    }

    private static StudentSchedule Of(CohortClock clock) => StudentSchedule.Of(Ada, Cohort(clock), Schedule, StudentExtension.None);

    private static CohortInfo Cohort(CohortClock clock, CohortLatePolicy? late = null) =>
        new(Ada.CohortId, "Spring", "s-0123456789ab", 1, clock, Definition.Duration, CreatedAt, 1, late);

    private static bool IsDeadline(ScheduleEntry entry) => entry.Kind is ScheduleEntryKind.BatchWindow or ScheduleEntryKind.BatchDue or ScheduleEntryKind.LateCutoff;

    private static List<DateTimeOffset> Starts(StudentSchedule schedule, ScheduleEntryKind kind) =>
        [.. schedule.Entries.Where(e => e.Kind == kind).Select(e => e.Start)];

    private static ScheduleEntry Entry(StudentSchedule schedule, ScheduleEntryKind kind, int seq) =>
        Assert.Single(schedule.Entries, e => e.Kind == kind && e.Seq == seq);
}
