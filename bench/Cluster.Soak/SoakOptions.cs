namespace PPipe.Cluster.Soak;

/// <summary>
/// Everything a soak run needs to know: how big, how long, how fast the scenarios run, what the students do and
/// which faults are injected. <see cref="SoakProfiles"/> holds the named profiles; every value can be overridden.
/// </summary>
public sealed record SoakOptions
{
    /// <summary>The profile the values started from (for the report).</summary>
    public string Profile { get; init; } = "ci";

    /// <summary>Enrollments in total, over cohorts of <see cref="RosterSize"/> spread round-robin over the templates.</summary>
    public int Students { get; init; } = 10_000;

    /// <summary>Students per cohort, enrolled with one roster upload.</summary>
    public int RosterSize { get; init; } = 2_000;

    /// <summary>
    /// Once a whole-roster upload has failed, later cohorts are uploaded in requests of this many rows, as an instructor
    /// would after seeing it fail (0: always whole). The failed cohort itself cannot be repaired: its students exist
    /// without tokens, and uploading them again is refused.
    /// </summary>
    public int RosterChunkAfterFailure { get; init; } = 1_000;

    /// <summary>The measured traffic period, after the last roster is enrolled; faults fall inside it.</summary>
    public TimeSpan TrafficDuration { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Scenario speed of every cohort (1440 runs a scenario day per wall minute).</summary>
    public double Speed { get; init; } = 1440;

    /// <summary>
    /// How much scenario time before its endpoint requirement starts a cohort is when it is created, so that
    /// releases, batch deadlines and probes all fall inside the run instead of the run watching day 0.
    /// </summary>
    public TimeSpan ScenarioLead { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Every roster student polls <c>GET /api/v1/releases</c> at a random interval in this range.</summary>
    public TimeSpan PollMin { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan PollMax { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Polls in flight at most (the pollers' bounded worker pool).</summary>
    public int PollWorkers { get; init; } = 96;

    /// <summary>HTTP/1.1 connections per front end for the pollers, and again for the simulated students.</summary>
    public int ConnectionsPerFrontend { get; init; } = 24;

    /// <summary>Share of roster students who download each new REST release as it appears.</summary>
    public double DownloaderShare { get; init; } = 0.1;

    /// <summary>Roster students who also keep <c>GET /api/v1/events</c> open.</summary>
    public int EventStreams { get; init; } = 100;

    /// <summary>Simulated students (every archetype, from src/Simulation) at the head of every cohort's roster.</summary>
    public int SimulatedPerCohort { get; init; } = 24;

    /// <summary>How often a simulated student looks for releases and batches.</summary>
    public TimeSpan SimulatedPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Roster students per cohort with webhook releases who register a webhook (and do nothing else but poll).</summary>
    public int WebhookPollersPerCohort { get; init; } = 100;

    /// <summary>Whether the fault schedule runs (silo kill, PostgreSQL outage, front-end kill).</summary>
    public bool Faults { get; init; } = true;

    public TimeSpan SiloDownFor { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan PostgresDownFor { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan FrontendDownFor { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>After the traffic: how long to wait for outstanding webhook notifications and scoring.</summary>
    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(60);

    public int Silos { get; init; } = 3;

    public int Frontends { get; init; } = 2;

    /// <summary><c>Maximum Pool Size</c> of every host's Npgsql pool (configuration only: the hosts read the connection string).</summary>
    public int MaxPoolSize { get; init; } = 40;

    /// <summary><c>max_connections</c> of the throwaway PostgreSQL server.</summary>
    public int PostgresMaxConnections { get; init; } = 300;

    /// <summary>Build src/Silo and src/Frontend in Release before starting (incremental).</summary>
    public bool Build { get; init; } = true;

    /// <summary>Where the results go; null for bench/Cluster.Soak/RESULTS.md (full) or RESULTS-&lt;profile&gt;.md.</summary>
    public string? ResultsPath { get; init; }

    /// <summary>Extra environment for every silo and front end (NAME=VALUE), e.g. to try a setting.</summary>
    public IReadOnlyDictionary<string, string> HostEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Number of cohorts (the last one takes the remainder).</summary>
    public int Cohorts => (Students + RosterSize - 1) / RosterSize;
}
