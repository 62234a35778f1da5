using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Notifications;

/// <summary>The words of a survey notice: which survey, what it is for, until when, and where to answer it. Pure.</summary>
internal static class SurveyNoticeText
{
    public static NotificationEvent Event(SurveyNotice notice, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var name = SurveyKindNames.Title(notice.Kind);
        var until = NotificationText.Time(notice.ClosesAt);
        var about = notice.Description is { Length: > 0 } description ? $"\n\n{description.Trim()}" : "";
        return notice.Stage == SurveyNoticeStage.Opened
            ? new NotificationEvent(NotificationKind.Survey, notice.Key, now,
                $"The {name} is open: {notice.Title}",
                $"{Purpose(notice.Kind)} It takes answers until {until}; answer it in the Surveys section of your page.{about}")
            : new NotificationEvent(NotificationKind.Survey, notice.Key, now,
                $"The {name} closes {until}",
                $"You have not submitted the {name} ({notice.Title}) yet. It takes answers until {until}; a saved draft is not a submission. " +
                "Answer it in the Surveys section of your page.");
    }

    private static string Purpose(SurveyKind kind) => kind switch
    {
        SurveyKind.Pre => "It asks how able you feel in MLOps now; the same questions come again near the end, to see what changed.",
        SurveyKind.Post => "It asks the questions of the start again, to see how your MLOps skills changed.",
        _ => "It asks which parts of the course helped you and what was unclear.",
    };
}
