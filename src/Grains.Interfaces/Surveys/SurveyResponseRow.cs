namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>One student's row in a survey shard: consent and the submissions of each survey, each null until there is one.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.SurveyResponseRow")]
public sealed record SurveyResponseRow(string StudentId, SurveyConsent? Consent, SurveySubmission? Pre, SurveySubmission? Post,
    SurveySubmission? Feedback = null)
{
    /// <summary>The submission of one survey, or null.</summary>
    public SurveySubmission? Of(SurveyKind kind) => kind switch
    {
        SurveyKind.Pre => Pre,
        SurveyKind.Post => Post,
        _ => Feedback,
    };

    /// <summary>This row with the submission of one survey set.</summary>
    public SurveyResponseRow With(SurveyKind kind, SurveySubmission submission) => kind switch
    {
        SurveyKind.Pre => this with { Pre = submission },
        SurveyKind.Post => this with { Post = submission },
        _ => this with { Feedback = submission },
    };
}
