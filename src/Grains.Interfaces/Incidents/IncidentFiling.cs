namespace PPipe.Grains.Interfaces.Incidents;

/// <summary>
/// The answer to a report: its status, the report as filed when accepted, how many more the scenario day takes, when
/// the next day begins (wall time; null while the cohort is paused), and what happened in words a student can act on.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.IncidentFiling")]
public sealed record IncidentFiling(IncidentFilingStatus Status, FiledIncident? Incident, int RemainingToday, DateTimeOffset? NextDayAt, string Detail);
