using PPipe.Grains.Incidents;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Incidents;
using PPipe.Scenarios;
using PPipe.Scenarios.Spec;

namespace PPipe.Grains.Tests.Incidents;

/// <summary>
/// A 20-day scenario with four injected events, indexed drift first, each in time order: a concept drift from 10d to 12d
/// (index 0), a covariate shift of distance_km at 14d (index 1), an api outage from 5d for 8h (index 2) and
/// passenger_count renamed at 8d (index 3).
/// </summary>
internal static class IncidentScenario
{
    public const string Spec = """
        template: taxi-fares
        duration: 20d
        drift:
          - {at: 14d, kind: covariate, feature: distance_km, shift: 2}
          - {at: 10d, kind: concept, mode: abrupt, effects: {base: 4}, for: 2d}
        quirks:
          - {at: 8d, kind: renameColumn, column: passenger_count, to: passengers}
          - {at: 5d, kind: outage, channel: api, for: 8h}
        monitoring: {window: 1d, detectWithin: 2d, reportsPerDay: 3, postmortemAfter: 3h}
        grading: {criteria: {acquisition: 1, monitoring: 1}}
        """;

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    public static readonly Scenario Definition = Read();

    public static readonly CohortClock Clock = CohortClock.Create(Start, 1);

    public static IReadOnlyList<InjectedIncident> Events => InjectedIncidents.Of(Definition);

    public static MonitoringPlan Plan => Definition.Monitoring;

    public static TimeSpan Day(double days) => TimeSpan.FromDays(days);

    public static DateTimeOffset WallAt(TimeSpan t) => Start + t;

    public static IncidentReport Report(IncidentKind kind, double beganDay, string[]? features = null, string? channel = null) =>
        new(kind, [.. features ?? []], channel, Day(beganDay), "seen on the dashboard");

    private static Scenario Read()
    {
        var read = ScenarioSpecReader.Read(Spec);
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        return read.Scenario;
    }
}
