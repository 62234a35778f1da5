using PPipe.Frontend.Components.Pages.Cohorts;
using PPipe.Grains.Interfaces.Incidents;

namespace PPipe.Frontend.Tests.Monitor;

/// <summary>The instructor's view of a student's incident reports and postmortems on the student's page.</summary>
public sealed class StudentIncidentsTests : BunitContext
{
    private static readonly DateTimeOffset Filed = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Incidents_ReportsAndOutages_EachReportWithWhatItMatched_EachOutageWithItsPostmortem()
    {
        IncidentLog log = new(
            [
                new FiledIncident("inc-0002", Filed, TimeSpan.FromDays(9.5), Report(IncidentKind.Drift, 9, "distance_km"), null),
                new FiledIncident("inc-0001", Filed, TimeSpan.FromDays(8.2), Report(IncidentKind.DataQuality, 8, "passengers"), "the schema change on day 9"),
            ],
            Filed: 2,
            Refused: 1,
            FiledToday: 0,
            [new EndpointOutage(1, TimeSpan.FromHours(25), TimeSpan.FromHours(30), "The container ran out of memory.", Filed)]);

        var section = Render<StudentIncidents>(p => p.Add(s => s.Log, log));

        var reports = section.FindAll("[aria-label='Incident reports'] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, reports.Count);
        Assert.Contains("false alarm", reports[0], StringComparison.Ordinal);
        Assert.Contains("the schema change on day 9", reports[1], StringComparison.Ordinal);
        Assert.Contains("data quality", reports[1], StringComparison.Ordinal);
        var outage = section.Find("[aria-label='Endpoint outages'] tbody tr").TextContent;
        Assert.Contains("day 2", outage, StringComparison.Ordinal);
        Assert.Contains("5h", outage, StringComparison.Ordinal);
        Assert.Contains("The container ran out of memory.", outage, StringComparison.Ordinal);
        Assert.Contains("2 report(s) filed, 1 refused", section.Find("p.hint").TextContent, StringComparison.Ordinal);
    }

    private static IncidentReport Report(IncidentKind kind, double beganDay, string feature) =>
        new(kind, [feature], null, TimeSpan.FromDays(beganDay), "seen on the dashboard");
}
