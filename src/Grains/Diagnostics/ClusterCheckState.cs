using PPipe.Grains.Interfaces.Diagnostics;

namespace PPipe.Grains.Diagnostics;

/// <summary>Persisted record of a cluster check. Bounded: only the newest ticks are kept.</summary>
[GenerateSerializer, Alias("ppipe.ClusterCheckState")]
internal sealed class ClusterCheckState
{
    public const int RecentTickCapacity = 20;

    [Id(0)] public bool Running { get; set; }
    [Id(1)] public TimeSpan Period { get; set; }
    [Id(2)] public DateTimeOffset? StartedAt { get; set; }
    [Id(3)] public long Ticks { get; set; }
    [Id(4)] public DateTimeOffset? LastTickAt { get; set; }
    [Id(5)] public List<ClusterCheckTick> RecentTicks { get; set; } = [];
}
