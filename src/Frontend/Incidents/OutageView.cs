using PPipe.Grains.Interfaces.Incidents;

namespace PPipe.Frontend.Incidents;

/// <summary>An outage of the student's endpoint that takes a postmortem: from the first failed probe to the next answer (scenario time).</summary>
public sealed record OutageView(int Id, DateTimeOffset From, DateTimeOffset To, string? Postmortem, DateTimeOffset? PostmortemAt)
{
    public static OutageView Of(EndpointOutage outage, DateTimeOffset startsAt)
    {
        ArgumentNullException.ThrowIfNull(outage);
        return new OutageView(outage.Id, startsAt + outage.From, startsAt + outage.To, outage.Postmortem, outage.PostmortemAt);
    }
}
