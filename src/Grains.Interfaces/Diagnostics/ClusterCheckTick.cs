namespace PPipe.Grains.Interfaces.Diagnostics;

/// <summary>One reminder tick of a cluster check: when it ran and on which silo.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.ClusterCheckTick")]
public sealed record ClusterCheckTick(DateTimeOffset At, string Silo);
