using PPipe.Grains.Interfaces.Incidents;
using static PPipe.Grains.Tests.Incidents.IncidentScenario;

namespace PPipe.Grains.Tests.Incidents;

public sealed class InjectedIncidentsTests
{
    [Fact]
    public void Of_Scenario_DriftThenQuirksWithKindSubjectsAndNames()
    {
        var events = Events;

        Assert.Equal(
            [
                (IncidentKind.Drift, Day(10), "", (string?)null, "the concept drift on day 11"),
                (IncidentKind.Drift, Day(14), "distance_km", null, "the shift in distance_km on day 15"),
                (IncidentKind.Outage, Day(5), "", "api", "the api channel outage on day 6"),
                (IncidentKind.DataQuality, Day(8), "passenger_count,passengers", null, "the schema change on day 9"),
            ],
            events.Select(e => (e.Kind, e.At, string.Join(",", e.Features), e.Channel, e.Description)));
        Assert.Equal([0, 1, 2, 3], events.Select(e => e.Index));
    }

    [Fact]
    public void OverAt_LastingOrShort_WhenTheReportingTimeIsUp_LongOnesWhenTheyEnd()
    {
        var lasting = Events[1];
        var shortOutage = Events[2];
        var longer = shortOutage with { Until = Day(9) };

        Assert.Equal(Day(16), lasting.OverAt(Plan, Definition.Duration));
        Assert.Equal(Day(7), shortOutage.OverAt(Plan, Definition.Duration));
        Assert.Equal(Day(9), longer.OverAt(Plan, Definition.Duration));
        Assert.Equal(Day(20), (lasting with { At = Day(19) }).OverAt(Plan, Definition.Duration));
    }
}
