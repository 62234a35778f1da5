using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Scenarios;
using PPipe.Scenarios.Spec;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Tests.Enrollments.Policies;

/// <summary>
/// A small scenario whose times are easy to reason about, for the enrollment policies' tests: a release through the
/// webhook every day from day 0; batches opening on days 1, 2 and 3, each due 12 hours later and taking late work for
/// 6 hours at a 25% penalty, at most 2 submissions; an endpoint probed every hour from day 1; 4 days in all.
/// </summary>
internal static class PolicyScenario
{
    public const string Spec = """
        template: taxi-fares
        duration: 4d
        releases: {first: 0d, cadence: 1d, rows: 10, channel: webhook}
        batches: {first: 1d, cadence: 1d, rows: 40, dueAfter: 12h, labelDelay: 12h, submissionLimit: 2, late: {policy: penalty, penalty: 0.25, cutoff: 6h}}
        endpoint: {from: 1d, probeInterval: 1h, rowsPerProbe: 2, timeout: 1s, slo: {p95LatencyMs: 300}}
        drift: []
        quirks: []
        grading: {criteria: {acquisition: 1, batchQuality: 1}}
        """;

    public static readonly DateTimeOffset StartsAt = new(2030, 1, 7, 8, 0, 0, TimeSpan.Zero);

    /// <summary>One scenario day per wall-clock hour.</summary>
    public const double Speed = 24;

    public static Scenario Definition { get; } = Read(Spec);

    public static ScenarioSchedule Schedule { get; } = new(Definition);

    public static CohortClock Clock { get; } = CohortClock.Create(StartsAt, Speed);

    public static ScheduledBatch Batch(int seq) => Schedule.Batches[seq - 1];

    public static TimeSpan Day(double days) => TimeSpan.FromDays(days);

    public static TimeSpan Hours(double hours) => TimeSpan.FromHours(hours);

    /// <summary>The wall time at scenario time <paramref name="elapsed"/>.</summary>
    public static DateTimeOffset WallAt(TimeSpan elapsed) => Clock.WallTimeAt(elapsed)!.Value;

    public static Scenario Read(string spec)
    {
        var read = ScenarioSpecReader.Read(spec);
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        return read.Scenario!;
    }
}
