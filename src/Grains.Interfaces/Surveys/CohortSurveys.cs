namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>A cohort's surveys: the pre-survey and the post-survey, each null when not attached.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.CohortSurveys")]
public sealed record CohortSurveys(SurveySchedule? Pre, SurveySchedule? Post)
{
    public static CohortSurveys None { get; } = new(null, null);

    public SurveySchedule? Of(SurveyKind kind) => kind == SurveyKind.Pre ? Pre : Post;
}
