using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Grains.Client.Surveys;

/// <summary>Cohort-wide reads of survey data, shard by shard: <see cref="SurveyShards.Count"/> calls whatever the cohort's size.</summary>
public static class SurveyResponses
{
    /// <summary>Submissions of each survey and consents given and withdrawn, summed over the cohort's shards.</summary>
    public static async Task<SurveyShardCounts> CountAsync(IGrainFactory grains, string cohortId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var counts = await Task.WhenAll(Enumerable.Range(0, SurveyShards.Count)
            .Select(shard => grains.GetGrain<ISurveyShardGrain>(SurveyShards.KeyOf(cohortId, shard)).CountAsync()));
        return counts.Aggregate(SurveyShardCounts.Zero, (sum, shard) => sum.Add(shard));
    }
}
