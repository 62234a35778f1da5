namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>Which of a cohort's two surveys: the one at the start, or the one near the end.</summary>
[GenerateSerializer, Alias("ppipe.SurveyKind")]
public enum SurveyKind
{
    /// <summary>The pre-survey, open around the cohort's start.</summary>
    Pre,

    /// <summary>The post-survey, open near the cohort's end.</summary>
    Post,
}
