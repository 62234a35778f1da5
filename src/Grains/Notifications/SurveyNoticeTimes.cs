using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Notifications;

/// <summary>
/// When a survey's notices are due: the opening notice when its window opens; the closing reminder
/// <see cref="ReminderLead"/> before it closes, or at the window's middle when that is later (a window shorter than twice
/// the lead). Either is sent only while the window is open, so a notice late past the closing is not sent at all. Pure.
/// </summary>
internal static class SurveyNoticeTimes
{
    public static readonly TimeSpan ReminderLead = TimeSpan.FromHours(48);

    public static readonly SurveyNoticeStage[] Stages = [SurveyNoticeStage.Opened, SurveyNoticeStage.Closing];

    public static DateTimeOffset DueAt(SurveySchedule schedule, SurveyNoticeStage stage)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (stage == SurveyNoticeStage.Opened)
        {
            return schedule.OpensAt;
        }

        var middle = schedule.OpensAt + (schedule.ClosesAt - schedule.OpensAt) / 2;
        var lead = schedule.ClosesAt - ReminderLead;
        return lead > middle ? lead : middle;
    }

    /// <summary>Whether the notice is to be sent at <paramref name="now"/>: it is due and the window has not closed.</summary>
    public static bool IsDue(SurveySchedule schedule, SurveyNoticeStage stage, DateTimeOffset now) =>
        now >= DueAt(schedule, stage) && now < schedule.ClosesAt;

    /// <summary>Whether the notice may still be sent: the window has not closed.</summary>
    public static bool IsPending(SurveySchedule schedule, DateTimeOffset now) => now < schedule.ClosesAt;
}
