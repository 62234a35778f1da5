using PPipe.Cluster.Soak.Load;
using PPipe.Scenarios.Timeline;
using PPipe.Simulation.Demo;

namespace PPipe.Cluster.Soak.Admin;

/// <summary>
/// One cohort of the run: its template and schedule (from the template spec the platform lists), its clock, its
/// roster and what each upload of it answered, and the tokens the instructor received.
/// </summary>
public sealed class CohortRun(int index, string template, ScenarioSchedule schedule, IReadOnlyList<RosterRow> roster, IReadOnlyList<DemoRosterEntry> simulated)
{
    public int Index { get; } = index;

    public string Template { get; } = template;

    public ScenarioSchedule Schedule { get; } = schedule;

    public IReadOnlyList<RosterRow> Roster { get; } = roster;

    /// <summary>The simulated students at the head of the roster.</summary>
    public IReadOnlyList<DemoRosterEntry> Simulated { get; } = simulated;

    public string Id { get; set; } = "";

    public DateTimeOffset StartsAt { get; set; }

    public double Speed { get; set; }

    /// <summary>Whether the roster went in chunks (after an earlier cohort's whole-roster upload failed).</summary>
    public bool Chunked { get; set; }

    /// <summary>Every upload of the roster, in order (a retry after a failure included).</summary>
    public List<RosterUpload> Uploads { get; } = [];

    /// <summary>The same roster uploaded again once everyone was enrolled.</summary>
    public RosterUpload? Repeat { get; set; }

    /// <summary>Tokens the instructor received, by student id, over every upload.</summary>
    public Dictionary<string, string> Tokens { get; } = new(StringComparer.Ordinal);

    /// <summary>Students whose token in the repeat upload's answer differs from the one received before (null: no 200).</summary>
    public int? TokensChangedByRepeat { get; set; }

    /// <summary>Original tokens sampled after the repeat upload, and how many still opened their enrollment.</summary>
    public (int Sampled, int StillValid) TokensAfterRepeat { get; set; }

    /// <summary>The enrolled count the cohort and its summary gave after the repeat upload.</summary>
    public (int? Cohort, int? Summary) EnrolledAfterRepeat { get; set; }

    /// <summary>The last summary read, as JSON text.</summary>
    public string? LastSummary { get; set; }

    public GradesCsv? Grades { get; set; }

    public List<PollingStudent> Pollers { get; } = [];

    /// <summary>The wall time of a scenario time (the soak never pauses a cohort).</summary>
    public DateTimeOffset WallTimeAt(TimeSpan scenarioTime) => StartsAt + scenarioTime / Speed;

    /// <summary>The scenario time of a wall time.</summary>
    public TimeSpan ScenarioTimeAt(DateTimeOffset wallTime) => (wallTime - StartsAt) * Speed;
}
