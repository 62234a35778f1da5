namespace PPipe.Frontend.Incidents;

/// <summary>The answer to a report filed: the report as kept, and how many more the scenario day takes.</summary>
public sealed record IncidentReceipt(IncidentView Incident, int RemainingToday);
