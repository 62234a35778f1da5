using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Incidents;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Grains.Tests.Infrastructure;
using static PPipe.Grains.Tests.Enrollments.TestEnrollments;

namespace PPipe.Grains.Tests.Incidents;

/// <summary>
/// Incident reports and postmortems through the enrollment grain, on the cluster's clock: a scenario day is a wall second.
/// The events: an api outage from 5d for 8h, passenger_count renamed at 8d, distance_km shifted at 14d.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class EnrollmentIncidentsTests(ClusterFixture fixture)
{
    private const double Speed = 86_400;

    private const string Spec = """
        template: taxi-fares
        duration: 20d
        batches: {enabled: false}
        endpoint: {from: 1d, probeInterval: 1h}
        drift:
          - {at: 14d, kind: covariate, feature: distance_km, shift: 2}
        quirks:
          - {at: 8d, kind: renameColumn, column: passenger_count, to: passengers}
          - {at: 5d, kind: outage, channel: api, for: 8h}
        monitoring: {window: 1d, detectWithin: 2d, reportsPerDay: 2, postmortemAfter: 3h}
        grading: {criteria: {acquisition: 1, monitoring: 1}}
        """;

    [Fact]
    public async Task FileIncident_BegunEventReported_GradeCountsIt_FutureOneReportedEarly_AFalseAlarmToTheEnd()
    {
        var (enrollment, startsAt) = await EnrollAsync();
        await fixture.AdvanceToAsync(At(startsAt, 8.25));

        var schema = await enrollment.FileIncidentAsync(Report(IncidentKind.DataQuality, 8, "passengers"));
        var early = await enrollment.FileIncidentAsync(Report(IncidentKind.Drift, 8.2, "distance_km"));
        await fixture.AdvanceToAsync(At(startsAt, 20));
        var grade = (await enrollment.GetGradeAsync()).Criteria.Single(c => c.Name == "monitoring");

        Assert.Equal((IncidentFilingStatus.Accepted, IncidentFilingStatus.Accepted), (schema.Status, early.Status));
        Assert.Equal("Report inc-0002 filed; 0 more can be filed this scenario day.", early.Detail);
        Assert.Contains("1 of 3 events reported within 2 days", grade.Feedback, StringComparison.Ordinal);
        Assert.Contains("The api channel outage on day 6 went unreported. The shift in distance_km on day 15 went unreported.", grade.Feedback, StringComparison.Ordinal);
        Assert.Contains("1 report matched no event (false alarms)", grade.Feedback, StringComparison.Ordinal);
        Assert.Equal(Math.Round(1 / 3.0 * Math.Sqrt(0.5), 4), grade.Score);
    }

    [Fact]
    public async Task FileIncident_PastTheDaysLimit_RefusedUntilTheNextDay_AndListedNewestFirst()
    {
        var (enrollment, startsAt) = await EnrollAsync();
        await fixture.AdvanceToAsync(At(startsAt, 2.5));

        await enrollment.FileIncidentAsync(Report(IncidentKind.Other, 2));
        await enrollment.FileIncidentAsync(Report(IncidentKind.Other, 2.1));
        var refused = await enrollment.FileIncidentAsync(Report(IncidentKind.Other, 2.2));
        await fixture.AdvanceToAsync(At(startsAt, 3.1));
        var nextDay = await enrollment.FileIncidentAsync(Report(IncidentKind.Other, 3));
        var log = await enrollment.GetIncidentsAsync();

        Assert.Equal(IncidentFilingStatus.LimitReached, refused.Status);
        Assert.Equal(TimeSpan.FromDays(3), refused.NextDay);
        Assert.Equal(IncidentFilingStatus.Accepted, nextDay.Status);
        Assert.Equal(["inc-0003", "inc-0002", "inc-0001"], log.Reports.Select(r => r.Id));
        Assert.Equal((3, 1, 1), (log.Filed, log.Refused, log.FiledToday));
    }

    [Fact]
    public async Task FileIncident_BeforeTheStartOrAfterTheEnd_OutsideScenarioAndNothingKept()
    {
        var (enrollment, startsAt) = await EnrollAsync();

        var before = await enrollment.FileIncidentAsync(Report(IncidentKind.Other, 0));
        await fixture.AdvanceToAsync(At(startsAt, 20.5));
        var after = await enrollment.FileIncidentAsync(Report(IncidentKind.Other, 19));

        Assert.Equal((IncidentFilingStatus.OutsideScenario, IncidentFilingStatus.OutsideScenario), (before.Status, after.Status));
        Assert.Empty((await enrollment.GetIncidentsAsync()).Reports);
    }

    [Fact]
    public async Task Probes_OutageLongerThanTheThreshold_ListedForAPostmortem_KeptUntilAReset()
    {
        var (enrollment, startsAt) = await EnrollAsync();
        await fixture.AdvanceToAsync(At(startsAt, 1.5));
        await enrollment.RecordProbesAsync([Probe(startsAt, 24, ok: true), Probe(startsAt, 25, ok: false), Probe(startsAt, 26, ok: false)]);
        await enrollment.RecordProbesAsync([Probe(startsAt, 30, ok: true)]);

        var outage = (await enrollment.GetIncidentsAsync()).Outages.Single();
        var filed = await enrollment.FilePostmortemAsync(outage.Id, "The container was OOM-killed; memory limit raised.");
        var unknown = await enrollment.FilePostmortemAsync(outage.Id + 1, "?");
        await fixture.Cluster.DeactivateAsync(enrollment);
        var kept = (await enrollment.GetIncidentsAsync()).Outages.Single();
        await enrollment.ResetProgressAsync();

        Assert.Equal((TimeSpan.FromHours(25), TimeSpan.FromHours(30)), (outage.From, outage.To));
        Assert.Equal("The container was OOM-killed; memory limit raised.", filed?.Postmortem);
        Assert.Null(unknown);
        Assert.Equal(filed, kept);
        Assert.Empty((await enrollment.GetIncidentsAsync()).Outages);
    }

    private async Task<(IEnrollmentGrain Enrollment, DateTimeOffset StartsAt)> EnrollAsync()
    {
        var startsAt = fixture.Clock.UtcNow + Lead;
        var (enrollment, _) = await Enrollments.TestEnrollments.EnrollAsync(fixture.Client, Spec, startsAt, Speed);
        return (enrollment, startsAt);
    }

    private static DateTimeOffset At(DateTimeOffset startsAt, double days) => startsAt + TimeSpan.FromDays(days) / Speed;

    private static IncidentReport Report(IncidentKind kind, double beganDay, params string[] features) =>
        new(kind, [.. features], null, TimeSpan.FromDays(beganDay), "seen on the dashboard");

    private static ProbeResult Probe(DateTimeOffset startsAt, long slot, bool ok) =>
        new(slot - 24, 1, startsAt + TimeSpan.FromHours(slot) / Speed, TimeSpan.FromHours(slot), ok, ok ? 200 : null, 5, null, ok ? null : "refused", 1, null);
}
