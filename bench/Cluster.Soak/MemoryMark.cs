namespace PPipe.Cluster.Soak;

/// <summary>Every host's resident set at a moment of the run, with the students enrolled by then.</summary>
public sealed record MemoryMark(string Label, double At, IReadOnlyDictionary<string, long?> ResidentKiB, int Enrolled);
