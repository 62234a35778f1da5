namespace PPipe.Cluster.Soak.Measure;

/// <summary>
/// One injected fault, in seconds of the run: when it began, when the harness started restoring (the restart
/// command), and when the restored process said it was up. <see cref="Error"/> is set when restoring failed.
/// </summary>
public sealed record FaultWindow(string Name, string Action, double StartedAt, double RestoringAt, double RestoredAt, string? Error);
