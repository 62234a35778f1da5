using PPipe.Grains.Incidents;
using PPipe.Grains.Interfaces.Incidents;
using PPipe.Grains.Interfaces.Probes;
using static PPipe.Grains.Tests.Incidents.IncidentScenario;

namespace PPipe.Grains.Tests.Incidents;

public sealed class IncidentLedgerTests
{
    [Fact]
    public void File_MatchingReport_CountedForTheEventAndKeptWithWhatItMatched()
    {
        var ledger = new IncidentLedger();

        var filing = ledger.File(Report(IncidentKind.DataQuality, 8, ["passengers"]), WallAt(Day(8.5)), Day(8.5), Events, Plan);

        Assert.Equal((IncidentFilingStatus.Accepted, "inc-0001", 2), (filing.Status, filing.Incident!.Id, filing.RemainingToday));
        Assert.Equal("the schema change on day 9", filing.Incident.Matched);
        Assert.Equal((1, 0), (ledger.Matching, ledger.FalseAlarms));
        Assert.Equal(Day(8.5), ledger.MatchOf(3)!.FirstReportAt);
    }

    [Fact]
    public void File_ReportOfAnEventNotBegun_AFalseAlarmLikeAnyOther_AndStaysOneAfterItBegins()
    {
        var ledger = new IncidentLedger();
        var beforeShift = ledger.File(Report(IncidentKind.Drift, 13.9, ["distance_km"]), WallAt(Day(13.9)), Day(13.9), Events, Plan);
        var nothing = ledger.File(Report(IncidentKind.Drift, 13.9, ["duration_min"]), WallAt(Day(13.95)), Day(13.95), Events, Plan);

        Assert.Equal((IncidentFilingStatus.Accepted, (string?)null), (beforeShift.Status, beforeShift.Incident!.Matched));
        Assert.Equal((IncidentFilingStatus.Accepted, (string?)null), (nothing.Status, nothing.Incident!.Matched));
        Assert.Equal("Report inc-0001 filed; 2 more can be filed this scenario day.", beforeShift.Detail);
        Assert.Equal((0, 2), (ledger.Matching, ledger.FalseAlarms));
        Assert.Null(ledger.MatchOf(1));
    }

    [Fact]
    public void File_PastTheDaysLimit_RefusedAsAFalseAlarm_NextDayTakesReportsAgain()
    {
        var ledger = new IncidentLedger();
        for (var i = 0; i < 3; i++)
        {
            ledger.File(Report(IncidentKind.Other, 3), WallAt(Day(3.1)), Day(3.1), Events, Plan);
        }

        var refused = ledger.File(Report(IncidentKind.Other, 3), WallAt(Day(3.5)), Day(3.5), Events, Plan);
        var nextDay = ledger.File(Report(IncidentKind.Other, 3), WallAt(Day(4)), Day(4), Events, Plan);

        Assert.Equal((IncidentFilingStatus.LimitReached, (FiledIncident?)null, (TimeSpan?)Day(4)), (refused.Status, refused.Incident, refused.NextDay));
        Assert.Equal(IncidentFilingStatus.Accepted, nextDay.Status);
        Assert.Equal((4, 1, 1, 1), (ledger.Filed, ledger.Refused, ledger.FalseAlarms, ledger.FiledOn(4)));
    }

    [Fact]
    public void File_ManyReports_KeepsTheNewestTwenty()
    {
        var ledger = new IncidentLedger();

        for (var i = 0; i < 25; i++)
        {
            ledger.File(Report(IncidentKind.Other, i / 3), WallAt(Day(i / 3 + 0.5)), Day(i / 3 + 0.5), Events, Plan);
        }

        var log = ledger.Log(Day(8.6));
        Assert.Equal(IncidentLedger.NewestCapacity, log.Reports.Length);
        Assert.Equal(("inc-0025", "inc-0006"), (log.Reports[0].Id, log.Reports[^1].Id));
        Assert.Equal(25, log.Filed);
    }

    [Fact]
    public void Observe_FailuresLongerThanTheThreshold_AnOutageFromTheFirstFailureToTheAnswer()
    {
        var ledger = new IncidentLedger();

        ledger.Observe(Probe(10, ok: false, hours: 10), Plan);
        ledger.Observe(Probe(11, ok: false, hours: 11), Plan);
        ledger.Observe(Probe(14, ok: true, hours: 14), Plan);

        Assert.Equal([new EndpointOutage(1, TimeSpan.FromHours(10), TimeSpan.FromHours(14), null, null)], ledger.Outages);
        Assert.Null(ledger.DownSince);
    }

    [Fact]
    public void Observe_ShortOutageOrFailedVerification_NoOutage()
    {
        var ledger = new IncidentLedger();

        ledger.Observe(Probe(10, ok: false, hours: 10), Plan);
        ledger.Observe(Probe(12, ok: true, hours: 12), Plan);
        ledger.Observe(Probe(ProbeResult.VerificationSlot, ok: false, hours: 13), Plan);
        ledger.Observe(Probe(20, ok: true, hours: 20), Plan);

        Assert.Empty(ledger.Outages);
    }

    [Fact]
    public void FilePostmortem_KnownOutage_Kept_UnknownOne_Null()
    {
        var ledger = new IncidentLedger();
        ledger.Observe(Probe(10, ok: false, hours: 10), Plan);
        ledger.Observe(Probe(14, ok: true, hours: 14), Plan);

        var filed = ledger.FilePostmortem(1, "The container ran out of memory; limits raised.", WallAt(Day(1)));
        var unknown = ledger.FilePostmortem(2, "?", WallAt(Day(1)));

        Assert.Equal("The container ran out of memory; limits raised.", filed?.Postmortem);
        Assert.Equal(WallAt(Day(1)), ledger.Outages[0].PostmortemAt);
        Assert.Null(unknown);
    }

    private static ProbeResult Probe(long slot, bool ok, double hours) =>
        new(slot, 1, WallAt(TimeSpan.FromHours(hours)), TimeSpan.FromHours(hours), ok, ok ? 200 : null, 5, null, null, 1, null);
}
