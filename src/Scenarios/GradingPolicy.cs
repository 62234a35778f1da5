using System.Text.Json.Serialization;

namespace PPipe.Scenarios;

/// <summary>How a course turns its criteria into an overall level. The API spells them <c>weighted-mean</c> and <c>all-proficient</c>.</summary>
public enum GradingPolicy
{
    /// <summary>The level of the weighted mean of the criteria judged so far.</summary>
    [JsonStringEnumMemberName("weighted-mean")]
    WeightedMean,

    /// <summary>
    /// The level of the weighted mean, but never above the lowest level of a criterion judged so far: a student is
    /// Proficient overall only when every criterion is (the HOGENT rule).
    /// </summary>
    [JsonStringEnumMemberName("all-proficient")]
    AllProficient,
}
