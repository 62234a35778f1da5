using PPipe.Frontend.Surveys;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Frontend.Tests.Surveys;

/// <summary>How the Surveys page says where a survey notice stands.</summary>
public sealed class SurveyNoticeWordsTests
{
    private static readonly DateTimeOffset Due = new(2030, 3, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Status_NotYetDue_SaysWhenItWillGo()
    {
        var notice = new SurveyNoticeStatus(SurveyKind.Pre, SurveyNoticeStage.Opened, Due, null, null, 0, 0, 0);

        Assert.Equal("Will go at 2030-03-04 10:00 UTC.", SurveyNoticeWords.Status(notice, Due.AddMinutes(-1)));
    }

    [Fact]
    public void Status_ReminderThatWent_SaysWhenAndToWhomAndWhoWasPassedOver()
    {
        var notice = new SurveyNoticeStatus(SurveyKind.Post, SurveyNoticeStage.Closing, Due, Due.AddSeconds(20), Due.AddSeconds(40), 31, 8, 1);

        Assert.Equal("Went 2030-03-04 10:00 UTC to 31 students, 8 passed over (submitted), 1 could not be reached.",
            SurveyNoticeWords.Status(notice, Due.AddHours(1)));
    }

    [Fact]
    public void Status_GoingOut_SaysHowManySoFar()
    {
        var notice = new SurveyNoticeStatus(SurveyKind.Feedback, SurveyNoticeStage.Opened, Due, Due, null, 120, 0, 0);

        Assert.Equal("Going out since 2030-03-04 10:00 UTC: 120 students so far.", SurveyNoticeWords.Status(notice, Due.AddSeconds(5)));
    }
}
