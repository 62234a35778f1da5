namespace PPipe.Frontend.Incidents;

/// <summary>
/// The body of <c>POST /api/v1/incidents</c>: <c>{"kind": "drift", "features": ["distance_km"], "channel": null,
/// "beganAt": "2026-03-09T00:00:00Z", "summary": "..."}</c>. <c>kind</c>, <c>beganAt</c> (scenario time, as row
/// timestamps and <c>clock.scenarioNow</c> write it) and <c>summary</c> are required. Every problem is reported together (422).
/// </summary>
public sealed record IncidentRequest(string? Kind, IReadOnlyList<string?>? Features, string? Channel, DateTimeOffset? BeganAt, string? Summary);
