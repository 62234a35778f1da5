using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Frontend.Surveys;

/// <summary>A cohort's surveys (the pre- and post-survey and the course feedback), each with its instrument's title and whether it has opened, and how many answered.</summary>
public sealed record SurveySettingsView(string CohortId, SurveySettingsView.WindowView? Pre, SurveySettingsView.WindowView? Post,
    SurveySettingsView.ResponsesView Responses, SurveySettingsView.WindowView? Feedback = null)
{
    /// <summary>A survey's instrument version and window; <c>opened</c> once it can no longer change.</summary>
    public sealed record WindowView(string InstrumentId, int Version, string Title, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool Opened);

    /// <summary>Students enrolled, submissions of each survey, and research consent given and withdrawn.</summary>
    public sealed record ResponsesView(int Enrolled, int PreSubmitted, int PostSubmitted, int Consenting, int Withdrawn, int FeedbackSubmitted = 0);

    public static WindowView? WindowOf(SurveySchedule? schedule, string? title, DateTimeOffset now) => schedule is null ? null
        : new WindowView(schedule.InstrumentId, schedule.Version, title ?? schedule.InstrumentId, schedule.OpensAt, schedule.ClosesAt, now >= schedule.OpensAt);
}
