using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>A submitted survey as research reads it: the instrument version answered, when, and the answers.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.SurveySubmission")]
public sealed record SurveySubmission(string InstrumentId, int Version, DateTimeOffset SubmittedAt, ImmutableArray<SurveyAnswer> Answers);
