using PPipe.Grains.Enrollments;
using PPipe.Scenarios;

namespace PPipe.Grains.Tests.Enrollments;

/// <summary>An enrollment's grade over time: one entry a scenario day, the day's latest grade, the oldest days dropped beyond the capacity.</summary>
public sealed class DailyGradeTests
{
    [Fact]
    public void Note_SameDayTwice_KeepsTheLatestGradeOnce()
    {
        List<DailyGrade> history = [];

        Assert.True(DailyGrade.Note(history, 1, 0.2, GradeLevel.NotYetProficient));
        Assert.True(DailyGrade.Note(history, 1, 0.6, GradeLevel.Proficient));
        Assert.False(DailyGrade.Note(history, 1, 0.6, GradeLevel.Proficient));
        Assert.True(DailyGrade.Note(history, 3, null, null));

        Assert.Equal([new DailyGrade(1, 0.6, GradeLevel.Proficient), new DailyGrade(3, null, null)], history);
    }

    [Fact]
    public void Note_EarlierDayAfterAClockChange_UpdatesTheLatestDayInsteadOfGoingBack()
    {
        List<DailyGrade> history = [];
        DailyGrade.Note(history, 5, 0.4, GradeLevel.NotYetProficient);

        DailyGrade.Note(history, 4, 0.7, GradeLevel.Advanced);

        Assert.Equal([new DailyGrade(5, 0.7, GradeLevel.Advanced)], history);
    }

    [Fact]
    public void Note_BeyondCapacity_DropsTheOldestDay()
    {
        List<DailyGrade> history = [];
        for (var day = 1; day <= DailyGrade.Capacity + 2; day++)
        {
            DailyGrade.Note(history, day, day / 1000.0, GradeLevel.NotYetProficient);
        }

        Assert.Equal(DailyGrade.Capacity, history.Count);
        Assert.Equal(3, history[0].Day);
        Assert.Equal(DailyGrade.Capacity + 2, history[^1].Day);
    }
}
