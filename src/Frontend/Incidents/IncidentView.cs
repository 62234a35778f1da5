using PPipe.Grains.Interfaces.Incidents;
using PPipe.Scenarios;

namespace PPipe.Frontend.Incidents;

/// <summary>
/// A report as its student sees it: what they said and when they said it (<c>filedAt</c> wall time, <c>beganAt</c>
/// scenario time). Never whether it matched an event: that would tell what is scheduled.
/// </summary>
public sealed record IncidentView(string Id, DateTimeOffset FiledAt, IncidentKind Kind, IReadOnlyList<string> Features, Channel? Channel,
    DateTimeOffset BeganAt, string Summary)
{
    public static IncidentView Of(FiledIncident filed, DateTimeOffset startsAt)
    {
        ArgumentNullException.ThrowIfNull(filed);
        var report = filed.Report;
        return new IncidentView(filed.Id, filed.FiledAt, report.Kind, report.Features, ScenarioNames.TryParse<Channel>(report.Channel, out var channel) ? channel : null,
            startsAt + report.BeganAt, report.Summary);
    }
}
