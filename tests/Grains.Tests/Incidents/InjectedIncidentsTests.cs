using PPipe.Grains.Interfaces.Incidents;
using static PPipe.Grains.Tests.Incidents.IncidentScenario;

namespace PPipe.Grains.Tests.Incidents;

public sealed class InjectedIncidentsTests
{
    [Fact]
    public void Of_Scenario_InTheOrderTheyBeginWithKindSubjectsAndNames()
    {
        var events = Events;

        Assert.Equal(
            [
                (IncidentKind.Outage, Day(5), "", (string?)"api", "the api channel outage on day 6"),
                (IncidentKind.DataQuality, Day(8), "passenger_count,passengers", null, "the schema change on day 9"),
                (IncidentKind.Drift, Day(10), "", null, "the concept drift on day 11"),
                (IncidentKind.Drift, Day(14), "distance_km", null, "the shift in distance_km on day 15"),
            ],
            events.Select(e => (e.Kind, e.At, string.Join(",", e.Features), e.Channel, e.Description)));
        Assert.Equal([2, 3, 0, 1], events.Select(e => e.Index));
    }

    [Fact]
    public void OverAt_LastingOrShort_WhenTheReportingTimeIsUp_LongOnesWhenTheyEnd()
    {
        var lasting = Events[3];
        var shortOutage = Events[0];
        var longer = shortOutage with { Until = Day(9) };

        Assert.Equal(Day(16), lasting.OverAt(Plan, Definition.Duration));
        Assert.Equal(Day(7), shortOutage.OverAt(Plan, Definition.Duration));
        Assert.Equal(Day(9), longer.OverAt(Plan, Definition.Duration));
        Assert.Equal(Day(20), (lasting with { At = Day(19) }).OverAt(Plan, Definition.Duration));
    }
}
