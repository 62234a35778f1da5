namespace PPipe.Grains.Interfaces.Incidents;

/// <summary>
/// A report as filed: its id, when (wall time and scenario time) and what it said. <see cref="Matched"/> names the
/// injected event it matched ("the schema change on day 9"), for instructors only: a student is never told, so a report
/// that would match an event that has not begun reads like any other.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.FiledIncident")]
public sealed record FiledIncident(string Id, DateTimeOffset FiledAt, TimeSpan FiledScenarioAt, IncidentReport Report, string? Matched);
