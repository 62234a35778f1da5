namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>A cohort's survey kinds in the order a cohort asks them, and what people call each.</summary>
public static class SurveyKindNames
{
    public static IReadOnlyList<SurveyKind> All { get; } = [SurveyKind.Pre, SurveyKind.Post, SurveyKind.Feedback];

    /// <summary>What the survey is called in sentences: "pre-survey", "post-survey" or "course feedback".</summary>
    public static string Title(SurveyKind kind) => kind switch
    {
        SurveyKind.Pre => "pre-survey",
        SurveyKind.Post => "post-survey",
        _ => "course feedback",
    };
}
