using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Surveys;

/// <summary>
/// A 128th of a cohort's survey data (<see cref="SurveyShards"/>), keyed <c>{cohortId}/r{n}</c>: one row per student with
/// their consent and submitted answers. A leaf: it calls no other grain, and every write is durable before it answers.
/// </summary>
[Alias("ppipe.ISurveyShardGrain")]
public interface ISurveyShardGrain : IGrainWithStringKey
{
    /// <summary>Stores a student's submission of a survey unless one is stored already; answers the one that is kept.</summary>
    [Alias("Submit")]
    Task<SurveySubmission> SubmitAsync(string studentId, SurveyKind kind, SurveySubmission submission);

    /// <summary>Gives or withdraws a student's research consent; answers the consent as kept.</summary>
    [Alias("SetConsent")]
    Task<SurveyConsent> SetConsentAsync(string studentId, bool given);

    /// <summary>A student's consent, or null when they never chose.</summary>
    [Alias("GetConsent")]
    Task<SurveyConsent?> GetConsentAsync(string studentId);

    /// <summary>How many submissions and consents the shard holds.</summary>
    [Alias("Count")]
    Task<SurveyShardCounts> CountAsync();

    /// <summary>The students of the shard who submitted <paramref name="kind"/>.</summary>
    [Alias("Submitted")]
    Task<ImmutableArray<string>> SubmittedAsync(SurveyKind kind);

    /// <summary>Every row of the shard, for analytics and exports.</summary>
    [Alias("Rows")]
    Task<ImmutableArray<SurveyResponseRow>> RowsAsync();
}
