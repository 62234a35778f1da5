namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>A cohort's surveys: the pre-survey, the post-survey and the course feedback, each null when not attached.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.CohortSurveys")]
public sealed record CohortSurveys(SurveySchedule? Pre, SurveySchedule? Post, SurveySchedule? Feedback = null)
{
    public static CohortSurveys None { get; } = new(null, null);

    public SurveySchedule? Of(SurveyKind kind) => kind switch
    {
        SurveyKind.Pre => Pre,
        SurveyKind.Post => Post,
        _ => Feedback,
    };
}
