namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>What one shard (or, summed, a cohort) holds: submissions of each survey, and students whose consent is given or withdrawn.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.SurveyShardCounts")]
public sealed record SurveyShardCounts(int PreSubmitted, int PostSubmitted, int Consenting, int Withdrawn, int FeedbackSubmitted = 0)
{
    public static SurveyShardCounts Zero { get; } = new(0, 0, 0, 0);

    public SurveyShardCounts Add(SurveyShardCounts other) =>
        new(PreSubmitted + other.PreSubmitted, PostSubmitted + other.PostSubmitted, Consenting + other.Consenting, Withdrawn + other.Withdrawn,
            FeedbackSubmitted + other.FeedbackSubmitted);
}
