using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Cohorts;

[GenerateSerializer, Alias("ppipe.CohortState")]
internal sealed class CohortState
{
    [Id(0)] public CohortInfo? Info { get; set; }

    /// <summary>The secret the roster's tokens are derived from (<see cref="Interfaces.Credentials.StudentToken.Derive"/>).</summary>
    [Id(1)] public byte[]? RosterKey { get; set; }

    /// <summary>How many students each roster page holds, as the pages last said; the cohort's size is their sum.</summary>
    [Id(2)] public int[] PageSizes { get; set; } = new int[RosterPages.Count];
}
