using PPipe.Grains.Interfaces.Join;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Join;

/// <summary>One allowlist shard's students by normalized address; at most <see cref="IJoinAllowlistGrain.MaxStudents"/>.</summary>
[GenerateSerializer, Alias("ppipe.JoinAllowlistState")]
internal sealed class JoinAllowlistState
{
    [Id(0)] public Dictionary<string, RosterRow> Students { get; set; } = new(StringComparer.Ordinal);
}
