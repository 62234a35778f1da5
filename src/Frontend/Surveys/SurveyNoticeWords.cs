using System.Globalization;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Frontend.Surveys;

/// <summary>How the cohort's Surveys page says where a survey notice stands: when it went and to whom, or when it will go. Pure.</summary>
public static class SurveyNoticeWords
{
    public static string Notice(SurveyNoticeStatus notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return notice.Stage == SurveyNoticeStage.Opened ? "Opening notice, to every student" : "Closing reminder, to students who have not submitted";
    }

    public static string Status(SurveyNoticeStatus notice, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var unreached = notice.Unreached > 0 ? $", {notice.Unreached} could not be reached" : "";
        var skipped = notice.Stage == SurveyNoticeStage.Closing ? $", {notice.Submitted} passed over (submitted)" : "";
        return notice switch
        {
            { CompletedAt: { } done } => $"Went {Time(notice.StartedAt ?? done)} to {notice.Reached} students{skipped}{unreached}.",
            { StartedAt: { } started } => $"Going out since {Time(started)}: {notice.Reached} students so far{skipped}{unreached}.",
            _ when notice.DueAt > now => $"Will go at {Time(notice.DueAt)}.",
            _ => $"Due since {Time(notice.DueAt)}; goes out at the cohort's next check.",
        };
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
