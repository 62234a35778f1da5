namespace PPipe.Grains.Interfaces.Operations;

/// <summary>
/// A silo's report for one window: its activity, and at the window's end the enrollments active on it, the wakes it
/// has scheduled, its process's working set and the share of one core its process used over the window.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.SiloReport")]
public sealed record SiloReport(
    string Silo,
    SiloActivity Activity,
    long ActiveEnrollments,
    int ScheduledWakes,
    long WorkingSetBytes,
    double CpuCores);
