namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>The cohort's surveys after a change, or, when a survey that has opened would change, which one and why nothing changed.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.SurveyScheduleResult")]
public sealed record SurveyScheduleResult(CohortSurveys Surveys, SurveyKind? Refused, string? Detail);
