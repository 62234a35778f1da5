namespace PPipe.Frontend.Incidents;

/// <summary>The body of <c>PUT /api/v1/incidents/outages/{id}/postmortem</c>: <c>{"postmortem": "what happened, why, what changed"}</c>.</summary>
public sealed record PostmortemRequest(string? Postmortem);
