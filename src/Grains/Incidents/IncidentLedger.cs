using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Incidents;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Scenarios;

namespace PPipe.Grains.Incidents;

/// <summary>
/// Everything the monitoring criterion and the incidents API need from one enrollment, bounded whatever the student
/// sends: the newest <see cref="NewestCapacity"/> reports, one <see cref="IncidentMatch"/> per injected event, counters of
/// reports filed, refused and false, the day's count for the limit, and the newest <see cref="OutageCapacity"/> outages of
/// the student's endpoint long enough for a postmortem (with the start of the one going on, if any).
/// </summary>
[GenerateSerializer, Alias("ppipe.IncidentLedger")]
internal sealed class IncidentLedger
{
    public const int NewestCapacity = 20;

    public const int OutageCapacity = 20;

    /// <summary>Reports kept for the API, oldest first.</summary>
    [Id(0)] public List<FiledIncident> Newest { get; set; } = [];

    [Id(1)] public List<IncidentMatch> Matches { get; set; } = [];

    /// <summary>Reports accepted so far (report ids count them).</summary>
    [Id(2)] public int Filed { get; set; }

    /// <summary>Reports refused past the day's limit; each is a false alarm too.</summary>
    [Id(3)] public int Refused { get; set; }

    /// <summary>Accepted reports that matched an event (repeats of one event included).</summary>
    public int Matching
    {
        get
        {
            // A loop rather than Sum with a selector (whose enumerator is an allocation at every grade with monitoring), checked as Sum is.
            var matching = 0;
            foreach (var match in Matches)
            {
                matching = checked(matching + match.Reports);
            }

            return matching;
        }
    }

    /// <summary>Reports that matched nothing (<c>other</c> reports aside), and refused ones.</summary>
    [Id(5)] public int FalseAlarms { get; set; }

    /// <summary>The scenario day (from 0) of <see cref="FiledOnDay"/>.</summary>
    [Id(6)] public long Day { get; set; }

    [Id(7)] public int FiledOnDay { get; set; }

    /// <summary>Outages of the endpoint at least the plan's postmortem threshold long, oldest first.</summary>
    [Id(8)] public List<EndpointOutage> Outages { get; set; } = [];

    /// <summary>Outages recorded so far (outage ids count them).</summary>
    [Id(9)] public int OutageCount { get; set; }

    /// <summary>Scenario time of the first failed scheduled probe since the last answer; null while the endpoint answers.</summary>
    [Id(10)] public TimeSpan? DownSince { get; set; }

    /// <summary>Events that began before this scenario time are not judged (the student's progress was reset then).</summary>
    [Id(11)] public TimeSpan From { get; set; }

    /// <summary>
    /// Files <paramref name="report"/> at <paramref name="now"/> (scenario time <paramref name="elapsed"/>, within the
    /// scenario), matching it to the events begun by then, or refuses it past the day's limit and counts a false alarm.
    /// </summary>
    public IncidentFiling File(IncidentReport report, DateTimeOffset now, TimeSpan elapsed, IReadOnlyList<InjectedIncident> events, MonitoringPlan plan)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(plan);
        var day = elapsed.Ticks / TimeSpan.TicksPerDay;
        if (day != Day)
        {
            Day = day;
            FiledOnDay = 0;
        }

        var nextDay = TimeSpan.FromDays(day + 1);
        if (FiledOnDay >= plan.ReportsPerDay)
        {
            Refused++;
            FalseAlarms++;
            return new IncidentFiling(IncidentFilingStatus.LimitReached, null, 0, nextDay,
                $"At most {plan.ReportsPerDay} incident reports are taken per scenario day; this one was refused and counts as a false alarm. " +
                "Report what you have checked, once.");
        }

        FiledOnDay++;
        Filed++;
        var matched = IncidentMatching.Match(report, elapsed, events, plan);
        if (matched is not null)
        {
            if (Matches.Find(m => m.Event == matched.Index) is { } known)
            {
                known.Reports++;
            }
            else
            {
                Matches.Add(new IncidentMatch { Event = matched.Index, FirstReportAt = elapsed, Reports = 1 });
            }
        }
        else if (report.Kind != IncidentKind.Other)
        {
            FalseAlarms++;
        }

        var filed = new FiledIncident($"inc-{Filed:0000}", now, elapsed, report, matched?.Description);
        Newest.Add(filed);
        if (Newest.Count > NewestCapacity)
        {
            Newest.RemoveAt(0);
        }

        var remaining = plan.ReportsPerDay - FiledOnDay;
        return new IncidentFiling(IncidentFilingStatus.Accepted, filed, remaining, nextDay,
            $"Report {filed.Id} filed; {remaining} more can be filed this scenario day.");
    }

    /// <summary>The reports filed on scenario day <paramref name="day"/> (from 0).</summary>
    public int FiledOn(long day) => day == Day ? FiledOnDay : 0;

    /// <summary>The first report that matched an event, if any did.</summary>
    public IncidentMatch? MatchOf(int index)
    {
        // A loop rather than Find with a lambda: the monitoring criterion asks for every injected event at every grade,
        // and a lambda capturing the index is an allocation each time.
        foreach (var match in Matches)
        {
            if (match.Event == index)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>
    /// Follows the endpoint's state through one probe attempt the probe ledger counted: a failed scheduled probe starts an
    /// outage (verification probes are a student's check, not an observation), any answer ends it, and an outage at
    /// least <paramref name="plan"/>'s threshold long is kept for a postmortem.
    /// </summary>
    public void Observe(ProbeResult probe, MonitoringPlan plan)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(plan);
        if (!probe.Ok)
        {
            if (DownSince is null && probe.Slot >= 0)
            {
                DownSince = probe.ScenarioAt;
            }

            return;
        }

        if (DownSince is not { } from || probe.ScenarioAt < from)
        {
            return;
        }

        DownSince = null;
        if (probe.ScenarioAt - from >= plan.PostmortemAfter)
        {
            OutageCount++;
            Outages.Add(new EndpointOutage(OutageCount, from, probe.ScenarioAt, null, null));
            if (Outages.Count > OutageCapacity)
            {
                Outages.RemoveAt(0);
            }
        }
    }

    /// <summary>Files (or replaces) the postmortem of outage <paramref name="id"/>; null when no such outage is kept.</summary>
    public EndpointOutage? FilePostmortem(int id, string postmortem, DateTimeOffset now)
    {
        var at = Outages.FindIndex(o => o.Id == id);
        if (at < 0)
        {
            return null;
        }

        Outages[at] = Outages[at] with { Postmortem = postmortem, PostmortemAt = now };
        return Outages[at];
    }

    /// <summary>What the API shows: the newest reports first, and the outages.</summary>
    public IncidentLog Log(TimeSpan elapsed) =>
        new([.. Enumerable.Reverse(Newest)], Filed, Refused, FiledOn(elapsed.Ticks / TimeSpan.TicksPerDay), [.. Outages]);

    /// <summary>An empty log, for a student who has filed nothing and whose endpoint was never down long.</summary>
    public static IncidentLog EmptyLog => new([], 0, 0, 0, ImmutableArray<EndpointOutage>.Empty);
}
