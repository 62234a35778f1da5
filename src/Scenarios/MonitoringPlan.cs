namespace PPipe.Scenarios;

/// <summary>
/// How incident reports are matched and judged (scenario time throughout). A report matches an injected event when the
/// start it names is within <see cref="Window"/> of the event's start; an event counts as detected when its first
/// matching report came within <see cref="DetectWithin"/> of its start. A student may file <see cref="ReportsPerDay"/>
/// reports per scenario day (more are refused and count as false alarms). An outage of the student's own endpoint of at
/// least <see cref="PostmortemAfter"/> takes a postmortem.
/// </summary>
public sealed record MonitoringPlan(TimeSpan Window, TimeSpan DetectWithin, int ReportsPerDay, TimeSpan PostmortemAfter)
{
    public static readonly MonitoringPlan Default = new(TimeSpan.FromDays(1), TimeSpan.FromDays(2), 10, TimeSpan.FromHours(3));

    /// <summary>The most reports per day a spec may allow.</summary>
    public const int MaxReportsPerDay = 100;
}
