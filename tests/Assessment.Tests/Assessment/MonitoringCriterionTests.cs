using PPipe.Grains.Assessment;
using PPipe.Grains.Incidents;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Incidents;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Scenarios;

namespace PPipe.Assessment.Tests.Assessment;

/// <summary>
/// The monitoring criterion on a 20-day scenario with four injected events: an api outage at 5d for 8h, passenger_count
/// renamed at 8d, a concept drift from 10d to 12d and a covariate shift of distance_km at 14d; reports are due within 2d.
/// </summary>
public sealed class MonitoringCriterionTests
{
    private const string Spec = """
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

    private static readonly Scenario Scenario = TestSpecs.Read(Spec);
    private static readonly CohortClock Clock = CohortClock.Create(SyntheticStudent.Start, 1);

    [Fact]
    public void Monitoring_BeforeAnyEventIsOver_NotJudgedAndNothingNamed()
    {
        var monitoring = Grade(Day(6.9), null);

        Assert.Null(monitoring.Score);
        Assert.Equal("Nothing to judge yet: when your monitoring notices a drift, a data problem or a channel outage, report it with " +
            "POST /api/v1/incidents, saying what changed, in which features or channel, and when it began.", monitoring.Feedback);
    }

    [Fact]
    public void Monitoring_SilentStudent_EachMissNamedOnceOver_NoneStillToCome()
    {
        var atSeven = Grade(Day(7), null);
        var atTen = Grade(Day(10), null);

        Assert.Equal(0, atSeven.Score);
        Assert.Equal("0 of 1 event reported within 2 days. The api channel outage on day 6 went unreported. Watch the data you fetch " +
            "(distributions, missing values, columns, labels) and your channels, and report what changes as soon as you see it (POST /api/v1/incidents).", atSeven.Feedback);
        Assert.Contains("The schema change on day 9 went unreported.", atTen.Feedback, StringComparison.Ordinal);
        Assert.DoesNotContain("day 11", atTen.Feedback, StringComparison.Ordinal);
        Assert.DoesNotContain("day 15", atTen.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void Monitoring_EveryEventReportedWithinHours_FullCredit()
    {
        var ledger = new IncidentLedger();
        File(ledger, Report(IncidentKind.Outage, 5, channel: "api"), Day(5.1));
        File(ledger, Report(IncidentKind.DataQuality, 8, "passengers"), Day(8.2));
        File(ledger, Report(IncidentKind.Drift, 10), Day(10.1));
        File(ledger, Report(IncidentKind.Drift, 14, "distance_km"), Day(14.1));

        var monitoring = Grade(Day(20), ledger);

        Assert.Equal(1, monitoring.Score);
        Assert.Equal("4 of 4 events reported within 2 days, on average after 3 hours.", monitoring.Feedback);
    }

    [Fact]
    public void Monitoring_DetectedEvent_JudgedAtOnce_OthersNotYet()
    {
        var ledger = new IncidentLedger();
        File(ledger, Report(IncidentKind.Outage, 5, channel: "api"), Day(6.1));

        var monitoring = Grade(Day(6.2), ledger);

        Assert.Equal(0.8, monitoring.Score);
        Assert.Equal("1 of 1 event reported within 2 days, after 1.1 days.", monitoring.Feedback);
    }

    [Fact]
    public void Monitoring_ReportFiledBeforeTheEventBegan_GradedExactlyLikeAReportOfNothing()
    {
        var early = new IncidentLedger();
        File(early, Report(IncidentKind.Drift, 13.9, "distance_km"), Day(13.95));
        var nothing = new IncidentLedger();
        File(nothing, Report(IncidentKind.Drift, 13.9, "duration_min"), Day(13.95));

        Assert.Equal(Grade(Day(14.5), nothing), Grade(Day(14.5), early));
        Assert.Equal(Grade(Day(16), nothing), Grade(Day(16), early));
        Assert.Contains("The shift in distance_km on day 15 went unreported.", Grade(Day(16), early).Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void Monitoring_ReportPastTheReportingTime_NamedLateWithoutCredit()
    {
        var ledger = new IncidentLedger();
        File(ledger, Report(IncidentKind.Outage, 5, channel: "api"), Day(7.5));

        var monitoring = Grade(Day(7.6), ledger);

        Assert.Equal(0, monitoring.Score);
        Assert.Contains("The api channel outage on day 6 was reported 2.5 days after it began, past the 2 days allowed.", monitoring.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void Monitoring_FalseAlarmsAndRefusals_ScaleTheScoreByTheRootOfTheShareThatMatched()
    {
        var ledger = new IncidentLedger();
        File(ledger, Report(IncidentKind.Outage, 5, channel: "api"), Day(5.1));
        File(ledger, Report(IncidentKind.Drift, 5, "distance_km"), Day(5.2));
        File(ledger, Report(IncidentKind.Other, 5), Day(5.3));
        File(ledger, Report(IncidentKind.Drift, 5, "duration_min"), Day(5.4));
        File(ledger, Report(IncidentKind.Drift, 5, "duration_min"), Day(5.5));

        var monitoring = Grade(Day(6), ledger);

        Assert.Equal(0.5, monitoring.Score);
        Assert.Equal("1 of 1 event reported within 2 days, after 2.4 hours. 3 reports matched no event (false alarms, 2 of them refused over " +
            "the daily limit): report what your checks show, with the features or channel and when it began.", monitoring.Feedback);
    }

    [Fact]
    public void Monitoring_Postmortem_CountsAsOneMoreItemWhenPresent()
    {
        var ledger = new IncidentLedger();
        ledger.Observe(Probe(0, ok: false, Day(1)), Scenario.Monitoring);
        ledger.Observe(Probe(5, ok: true, Day(1.25)), Scenario.Monitoring);
        var without = Grade(Day(7), ledger);
        ledger.FilePostmortem(1, "The model server ran out of memory; the limit is raised and alerts are on.", SyntheticStudent.Wall(Day(2)));

        var with = Grade(Day(7), ledger);

        Assert.Equal((0.0, 0.5), (without.Score, with.Score));
        Assert.EndsWith("1 postmortem of endpoint outages filed. Watch the data you fetch (distributions, missing values, columns, labels) " +
            "and your channels, and report what changes as soon as you see it (POST /api/v1/incidents).", with.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void Monitoring_EventsBeforeAReset_NotJudged()
    {
        var monitoring = Grade(Day(7), new IncidentLedger { From = Day(6) });

        Assert.Null(monitoring.Score);
    }

    private static CriterionGrade Grade(TimeSpan at, IncidentLedger? ledger)
    {
        var input = SyntheticStudent.Input(Scenario, StudentBehaviour.Perfect, at) with { Incidents = ledger };
        return Grader.Grade(input).Criteria.Single(c => c.Name == "monitoring");
    }

    private static void File(IncidentLedger ledger, IncidentReport report, TimeSpan at) =>
        ledger.File(report, SyntheticStudent.Wall(at), at, InjectedIncidents.Of(Scenario), Scenario.Monitoring);

    private static IncidentReport Report(IncidentKind kind, double beganDay, string? feature = null, string? channel = null) =>
        new(kind, feature is null ? [] : [feature], channel, Day(beganDay), "seen on the dashboard");

    private static ProbeResult Probe(long slot, bool ok, TimeSpan at) =>
        new(slot, 1, SyntheticStudent.Wall(at), at, ok, ok ? 200 : null, 5, null, null, 1, null);

    private static TimeSpan Day(double days) => TimeSpan.FromDays(days);
}
