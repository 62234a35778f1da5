namespace PPipe.Frontend.Incidents;

/// <summary>
/// <c>GET /api/v1/incidents</c>: the newest reports (newest first), how many were filed and refused in all, how many today
/// and the day's limit, and the outages of the endpoint that take a postmortem.
/// </summary>
public sealed record IncidentsResponse(IReadOnlyList<IncidentView> Reports, int Filed, int Refused, int FiledToday, int ReportsPerDay,
    IReadOnlyList<OutageView> Outages);
