using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Roster;

/// <summary>The students of one roster page. Bounded by the cohort size over <see cref="RosterPages.Count"/>.</summary>
[GenerateSerializer, Alias("ppipe.RosterPageState")]
internal sealed class RosterPageState
{
    [Id(0)] public List<RosterEntry> Students { get; set; } = [];
}
