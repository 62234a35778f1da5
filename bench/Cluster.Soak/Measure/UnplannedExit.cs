namespace PPipe.Cluster.Soak.Measure;

/// <summary>A host that ended by itself (not killed by the fault schedule), when the harness noticed, why, and when it was up again.</summary>
public sealed record UnplannedExit(string Host, double NoticedAt, int? ExitCode, string? Reason, double? RestartedAt, string? RestartError);
