namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>What became of a draft or a submission.</summary>
[GenerateSerializer, Alias("ppipe.SurveyAnswerStatus")]
public enum SurveyAnswerStatus
{
    /// <summary>The draft was saved.</summary>
    Saved,

    /// <summary>The answers were submitted and stored for research.</summary>
    Submitted,

    /// <summary>Some answers are wrong (unknown item, out of range, wrong type, missing); nothing was stored.</summary>
    Invalid,

    /// <summary>The survey is not open now (before or after its window); nothing was stored.</summary>
    NotOpen,

    /// <summary>The survey was submitted before; a submission is final.</summary>
    AlreadySubmitted,

    /// <summary>The cohort has no such survey.</summary>
    NoSurvey,
}
