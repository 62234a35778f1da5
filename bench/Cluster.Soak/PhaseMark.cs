namespace PPipe.Cluster.Soak;

/// <summary>A moment of the run worth marking in the timeline (a roster enrolled, the traffic starting, a fault).</summary>
public sealed record PhaseMark(double At, string Label);
