using PPipe.Grains.Interfaces.Cohorts;

namespace PPipe.Grains.Cohorts;

/// <summary>Samples oldest first (at most <see cref="ICohortHistoryGrain.MaxSamples"/>) and the current spacing between them.</summary>
[GenerateSerializer, Alias("ppipe.CohortHistoryState")]
internal sealed class CohortHistoryState
{
    [Id(0)] public List<CohortSample> Samples { get; set; } = [];
    [Id(1)] public TimeSpan Every { get; set; } = CohortHistoryGrain.FirstSpacing;
    [Id(2)] public bool Finished { get; set; }
}
