namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>One student's row in a survey shard: consent and the two submissions, each null until there is one.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.SurveyResponseRow")]
public sealed record SurveyResponseRow(string StudentId, SurveyConsent? Consent, SurveySubmission? Pre, SurveySubmission? Post);
