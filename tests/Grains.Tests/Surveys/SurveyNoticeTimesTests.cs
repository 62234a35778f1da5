using PPipe.Grains.Interfaces.Surveys;
using PPipe.Grains.Notifications;

namespace PPipe.Grains.Tests.Surveys;

/// <summary>When a survey's notices are due: the opening at once, the reminder 48 hours before the closing or at the middle of a shorter window.</summary>
public sealed class SurveyNoticeTimesTests
{
    private static readonly DateTimeOffset Opens = new(2030, 3, 4, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(14 * 24, 12 * 24)]
    [InlineData(96, 48)]
    [InlineData(60, 30)]
    [InlineData(2, 1)]
    public void DueAt_Closing_48HoursBeforeOrTheMiddleOfAShorterWindow(int windowHours, int remindAfterHours)
    {
        var schedule = new SurveySchedule("mlops-skills", 1, Opens, Opens.AddHours(windowHours));

        var opening = SurveyNoticeTimes.DueAt(schedule, SurveyNoticeStage.Opened);
        var closing = SurveyNoticeTimes.DueAt(schedule, SurveyNoticeStage.Closing);

        Assert.Equal((Opens, Opens.AddHours(remindAfterHours)), (opening, closing));
    }

    [Fact]
    public void IsDue_OnlyFromItsTimeUntilTheWindowCloses()
    {
        var schedule = new SurveySchedule("mlops-skills", 1, Opens, Opens.AddDays(7));

        Assert.False(SurveyNoticeTimes.IsDue(schedule, SurveyNoticeStage.Opened, Opens.AddTicks(-1)));
        Assert.True(SurveyNoticeTimes.IsDue(schedule, SurveyNoticeStage.Opened, Opens));
        Assert.False(SurveyNoticeTimes.IsDue(schedule, SurveyNoticeStage.Closing, Opens.AddDays(5).AddTicks(-1)));
        Assert.True(SurveyNoticeTimes.IsDue(schedule, SurveyNoticeStage.Closing, Opens.AddDays(5)));
        Assert.False(SurveyNoticeTimes.IsDue(schedule, SurveyNoticeStage.Closing, Opens.AddDays(7)));
    }
}
