namespace PPipe.Cluster.Soak.Measure;

/// <summary>
/// One silo's report for one window, as the platform's operations route gives it (seconds of the run): its wakes, wake
/// lateness (p50 and p99 as their histogram bucket's upper bound, and the maximum), enrollments active and working set.
/// </summary>
public sealed record SiloWindow(string Silo, double From, double To, long Wakes, long WakesFailed, double? P50, double? P99, double Max,
    long ActiveEnrollments, long WorkingSetBytes, long StorageGaveUp);
