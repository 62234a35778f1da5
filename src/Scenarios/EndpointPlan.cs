namespace PPipe.Scenarios;

/// <summary>
/// The model endpoint requirement: from <see cref="From"/> on, the endpoint is probed every
/// <see cref="ProbeInterval"/> (scenario time) with <see cref="RowsPerProbe"/> rows of the current concept.
/// <see cref="Timeout"/> is wall-clock time (a network budget, not scenario time). The SLO asks for
/// <see cref="Availability"/> (0..1) of probes to succeed and a p95 latency of at most
/// <see cref="P95LatencyMs"/> milliseconds.
/// </summary>
public sealed record EndpointPlan(
    TimeSpan From,
    TimeSpan ProbeInterval,
    int RowsPerProbe,
    TimeSpan Timeout,
    double Availability,
    double P95LatencyMs)
{
    public TimeSpan SlotTime(long slot) => From + ProbeInterval * slot;

    public long SlotCountWithin(TimeSpan duration) =>
        From >= duration ? 0 : (duration - From - TimeSpan.FromTicks(1)).Ticks / ProbeInterval.Ticks + 1;
}
