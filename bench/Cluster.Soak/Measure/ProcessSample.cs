namespace PPipe.Cluster.Soak.Measure;

/// <summary>
/// One reading of one measured process (or group, for PostgreSQL): memory in KiB (VmRSS for the .NET hosts, the
/// summed proportional set for PostgreSQL's processes) and the CPU it used since the previous reading, in cores.
/// </summary>
public sealed record ProcessSample(double At, string Name, int? Pid, long? MemoryKiB, double Cores);
