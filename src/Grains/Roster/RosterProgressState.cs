using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Roster;

/// <summary>
/// The latest progress each student of a roster page reported, as the page last wrote it: bounded by the page's
/// students, each a small record. <see cref="Settled"/> says the last activation wrote every report it took before it
/// ended; when it is false (an activation was lost with its silo), reports may be missing and the page asks its
/// students again.
/// </summary>
[GenerateSerializer, Alias("ppipe.RosterProgressState")]
internal sealed class RosterProgressState
{
    [Id(0)] public Dictionary<string, StudentProgress> Students { get; set; } = [];

    [Id(1)] public bool Settled { get; set; }
}
