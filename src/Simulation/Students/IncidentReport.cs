namespace PPipe.Simulation.Students;

/// <summary>
/// What a student's monitoring saw, as <c>POST /api/v1/incidents</c> takes it: the kind (<c>drift</c>, <c>data-quality</c>,
/// <c>outage</c>), the columns or channel concerned, when it began (scenario time, as row timestamps write it) and a sentence.
/// </summary>
public sealed record IncidentReport(string Kind, IReadOnlyList<string> Features, string? Channel, DateTimeOffset BeganAt, string Summary);
