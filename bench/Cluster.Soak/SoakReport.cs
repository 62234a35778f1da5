using PPipe.Cluster.Soak.Admin;
using PPipe.Cluster.Soak.Hosting;
using PPipe.Cluster.Soak.Load;
using PPipe.Cluster.Soak.Measure;
using PPipe.Cluster.Soak.Verify;

namespace PPipe.Cluster.Soak;

/// <summary>Everything one soak run measured, for <see cref="Report.ResultsWriter"/> and for tests to assert on.</summary>
public sealed class SoakReport(SoakOptions options, RunClock clock, RequestRecorder requests, ProcessSampler processes)
{
    public SoakOptions Options { get; } = options;

    public RunClock Clock { get; } = clock;

    public RequestRecorder Requests { get; } = requests;

    public ProcessSampler Processes { get; } = processes;

    public string Commit { get; set; } = "";

    public string Machine { get; set; } = "";

    public string PostgresVersion { get; set; } = "";

    public string LogDirectory { get; set; } = "";

    public IReadOnlyDictionary<string, string> HostEnvironment { get; set; } = new Dictionary<string, string>();

    /// <summary>Why the run stopped early, when it did (the report then holds what was measured until then).</summary>
    public string? Aborted { get; set; }

    public List<string> Notes { get; } = [];

    public List<PhaseMark> Phases { get; } = [];

    public List<CohortRun> Cohorts { get; } = [];

    public List<FaultWindow> Faults { get; } = [];

    /// <summary>Hosts that ended by themselves and were started again by the harness's supervisor.</summary>
    public IReadOnlyList<UnplannedExit> UnplannedExits { get; set; } = [];

    public List<MemoryMark> Memory { get; } = [];

    public List<SummaryReading> Summaries { get; } = [];

    public List<LossCount> Losses { get; } = [];

    /// <summary>Notifications missing after the drain that arrived only once grades.csv had touched every enrollment.</summary>
    public int WebhooksHealedByGrades { get; set; }

    public WebhookLateness? Lateness { get; set; }

    /// <summary>The silos' own reports, one per silo and 10-second window (tick lateness, active enrollments).</summary>
    public IReadOnlyList<SiloWindow> SiloWindows { get; set; } = [];

    public IReadOnlyList<PostgresSample> Postgres { get; set; } = [];

    public IReadOnlyList<TableSize> Tables { get; set; } = [];

    /// <summary>Grain state rows by grain type (Rows) and their payload bytes (Bytes).</summary>
    public IReadOnlyList<TableSize> GrainState { get; set; } = [];

    public IReadOnlyList<StatementStats> Statements { get; set; } = [];

    public PostgresLog.Summary? PostgresLog { get; set; }

    /// <summary>What each host logged, by host name.</summary>
    public Dictionary<string, LogTally> Logs { get; } = new(StringComparer.Ordinal);

    public (double From, double To) Traffic { get; set; }

    public (long Polls, long Downloads, int Students, int Downloaders) Pollers { get; set; }

    public (long Connects, long Breaks, IReadOnlyDictionary<int, long> Refused, IReadOnlyDictionary<string, long> Events, int Streams) Streams { get; set; } =
        (0, 0, new Dictionary<int, long>(), new Dictionary<string, long>(), 0);

    public (int Students, long Crashes, long Throttled, long Problems, IReadOnlyDictionary<string, int> Archetypes) Simulated { get; set; } =
        (0, 0, 0, 0, new Dictionary<string, int>());

    /// <summary>Students in rosters whose token the instructor never received (a failed upload's partial work).</summary>
    public int StudentsWithoutToken => Cohorts.Sum(c => c.Roster.Count - c.Tokens.Count);

    public long LostWork => Losses.Sum(l => l.Lost);
}
