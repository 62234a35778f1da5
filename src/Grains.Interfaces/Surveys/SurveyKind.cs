namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>Which of a cohort's surveys: the skills survey at the start or near the end, or the course feedback at the end.</summary>
[GenerateSerializer, Alias("ppipe.SurveyKind")]
public enum SurveyKind
{
    /// <summary>The pre-survey, open around the cohort's start.</summary>
    Pre,

    /// <summary>The post-survey, open near the cohort's end.</summary>
    Post,

    /// <summary>The end-of-cohort course feedback: which parts of the scenario helped, what was unclear.</summary>
    Feedback,
}
