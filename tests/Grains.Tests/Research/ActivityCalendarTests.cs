using PPipe.Grains.Interfaces.Research;
using PPipe.Grains.Research;

namespace PPipe.Grains.Tests.Research;

/// <summary>A student's evidence added up by scenario day: only days with evidence, in order, scores averaged over scored batches.</summary>
public sealed class ActivityCalendarTests
{
    [Fact]
    public void Days_BatchesFetchesAndProbes_AddedUpPerDayInOrder()
    {
        var calendar = new ActivityCalendar();

        calendar.Probes(3, attempts: 5, failed: 2);
        calendar.Batch(1, submissions: 2, scored: true, relative: 0.5);
        calendar.Batch(1, submissions: 1, scored: true, relative: 1.0);
        calendar.Batch(1, submissions: 0, scored: true, relative: null);
        calendar.Fetch(1);
        calendar.Batch(3, submissions: 0, scored: false, relative: null);

        Assert.Equal(
            [new ActivityDay(1, 1, 3, 2, 3, 3, 0.75, 0, 0), new ActivityDay(3, 0, 1, 0, 0, 0, null, 5, 2)],
            calendar.Days());
    }

    [Fact]
    public void Days_GradeReported_KeptOnItsDayBesideTheEvidence()
    {
        var calendar = new ActivityCalendar();

        calendar.Fetch(2);
        calendar.Grade(2, 0.5, "Proficient");
        calendar.Grade(4, null, null);

        Assert.Equal(
            [new ActivityDay(2, 1, 0, 0, 0, 0, null, 0, 0, 0.5, "Proficient"), new ActivityDay(4, 0, 0, 0, 0, 0, null, 0, 0)],
            calendar.Days());
    }

    [Fact]
    public void Days_NothingRecorded_Empty() => Assert.Empty(new ActivityCalendar().Days());
}
