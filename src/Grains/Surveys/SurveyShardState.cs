using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Surveys;

/// <summary>
/// A shard's rows by student id: a 128th of the cohort's students who chose on consent or submitted a survey. Each row is
/// bounded by the instruments' size (at most 300 items, free text at most 4,000 characters).
/// </summary>
[GenerateSerializer, Alias("ppipe.SurveyShardState")]
internal sealed class SurveyShardState
{
    [Id(0)] public Dictionary<string, SurveyResponseRow> Rows { get; set; } = new(StringComparer.Ordinal);
}
