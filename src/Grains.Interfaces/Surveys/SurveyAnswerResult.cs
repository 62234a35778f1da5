using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>The outcome of saving a draft or submitting: when it was stored, or the problems and why nothing was.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.SurveyAnswerResult")]
public sealed record SurveyAnswerResult(SurveyAnswerStatus Status, DateTimeOffset? At, ImmutableArray<SurveyAnswerProblem> Problems, string? Detail);
