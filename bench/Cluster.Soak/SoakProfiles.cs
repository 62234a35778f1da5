namespace PPipe.Cluster.Soak;

/// <summary>The named soak profiles.</summary>
public static class SoakProfiles
{
    /// <summary>The soak: 100,000 enrollments in rosters of 10,000, twelve minutes of traffic, every fault.</summary>
    public static SoakOptions Full { get; } = new()
    {
        Profile = "full",
        Students = 100_000,
        RosterSize = 10_000,
        TrafficDuration = TimeSpan.FromMinutes(12),
        Speed = 288,
        EventStreams = 500,
        SimulatedPerCohort = 24,
        WebhookPollersPerCohort = 200,
        Drain = TimeSpan.FromMinutes(2),
    };

    /// <summary>What CI runs: 10,000 enrollments in five cohorts (one per template), three minutes of traffic, every fault.</summary>
    public static SoakOptions Ci { get; } = new()
    {
        Profile = "ci",
        Students = 10_000,
        RosterSize = 2_000,
        TrafficDuration = TimeSpan.FromMinutes(3),
        Speed = 1440,
        EventStreams = 100,
        SimulatedPerCohort = 24,
        WebhookPollersPerCohort = 100,
        Drain = TimeSpan.FromSeconds(60),
    };

    /// <summary>A quick look while working on the harness: 1,000 students, two minutes.</summary>
    public static SoakOptions Small { get; } = new()
    {
        Profile = "small",
        Students = 1_000,
        RosterSize = 200,
        TrafficDuration = TimeSpan.FromMinutes(2),
        Speed = 1440,
        EventStreams = 20,
        SimulatedPerCohort = 24,
        WebhookPollersPerCohort = 20,
        Drain = TimeSpan.FromSeconds(45),
    };

    public static SoakOptions? Named(string name) => name.ToLowerInvariant() switch
    {
        "full" => Full,
        "ci" => Ci,
        "small" => Small,
        _ => null,
    };
}
