using PPipe.Grains.Interfaces.Cohorts;

namespace PPipe.Grains.Cohorts;

[GenerateSerializer, Alias("ppipe.CohortState")]
internal sealed class CohortState
{
    [Id(0)] public CohortInfo? Info { get; set; }
}
