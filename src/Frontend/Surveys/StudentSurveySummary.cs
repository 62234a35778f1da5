namespace PPipe.Frontend.Surveys;

/// <summary>One of the student's surveys in their list: what it asks, its window and status, and how far they are.</summary>
public sealed record StudentSurveySummary(string Kind, string InstrumentId, int Version, string Title, DateTimeOffset OpensAt, DateTimeOffset ClosesAt,
    StudentSurveyStatus Status, StudentSurveyProgress Progress, DateTimeOffset? DraftSavedAt, DateTimeOffset? SubmittedAt);
