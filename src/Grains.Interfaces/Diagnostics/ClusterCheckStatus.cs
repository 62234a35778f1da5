using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Diagnostics;

/// <summary>The durable record of a cluster check plus the silo its grain is active on now.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.ClusterCheckStatus")]
public sealed record ClusterCheckStatus(
    string Name,
    bool Running,
    TimeSpan Period,
    DateTimeOffset? StartedAt,
    long Ticks,
    DateTimeOffset? LastTickAt,
    ImmutableArray<ClusterCheckTick> RecentTicks,
    string ActiveOn);
