namespace PPipe.Grains.Interfaces.Incidents;

/// <summary>
/// The answer to a report: its status, the report as filed when accepted, how many more the scenario day takes, when
/// the next scenario day begins (scenario time; null when the report was not taken for the day), and what happened in words a student can act on.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.IncidentFiling")]
public sealed record IncidentFiling(IncidentFilingStatus Status, FiledIncident? Incident, int RemainingToday, TimeSpan? NextDay, string Detail);
