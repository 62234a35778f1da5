using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Grains.Assessment;

/// <summary>A cohort's copy flags, oldest first, capped at <see cref="CohortFlagsGrain.Capacity"/>.</summary>
[GenerateSerializer, Alias("ppipe.CohortFlagsState")]
internal sealed class CohortFlagsState
{
    [Id(0)] public List<CopyFlag> Flags { get; set; } = [];
}
