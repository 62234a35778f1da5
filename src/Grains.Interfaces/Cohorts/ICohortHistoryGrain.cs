using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Cohorts;

/// <summary>
/// The summary of one cohort over time, keyed by the cohort id. It samples the cohort while it runs,
/// and keeps at most <see cref="MaxSamples"/> samples by thinning old ones, so a cohort of any length
/// charts from start to now.
/// </summary>
[Alias("ppipe.ICohortHistoryGrain")]
public interface ICohortHistoryGrain : IGrainWithStringKey
{
    public const int MaxSamples = 480;

    /// <summary>Starts sampling (idempotent); cohorts call it when they are created.</summary>
    [Alias("Start")]
    Task StartAsync();

    /// <summary>The samples so far, oldest first.</summary>
    [Alias("Samples")]
    Task<ImmutableArray<CohortSample>> SamplesAsync();
}
