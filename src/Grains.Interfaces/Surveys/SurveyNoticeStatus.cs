namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>
/// One notice of a cohort's survey as the instructor sees it: when it is due, when its delivery started and finished
/// (null until then), students told, students passed over because they had submitted, and students that could not be reached.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.SurveyNoticeStatus")]
public sealed record SurveyNoticeStatus(
    SurveyKind Kind,
    SurveyNoticeStage Stage,
    DateTimeOffset DueAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    int Reached,
    int Submitted,
    int Unreached);
