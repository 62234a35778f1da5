using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>A student's side of one survey: the draft (answers and when saved) and, once submitted, when and what.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.StudentSurvey")]
public sealed record StudentSurvey(
    SurveyKind Kind,
    ImmutableArray<SurveyAnswer> Draft,
    DateTimeOffset? DraftSavedAt,
    DateTimeOffset? SubmittedAt,
    ImmutableArray<SurveyAnswer> Submitted);
