using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Incidents;

/// <summary>
/// A student's incident reports (the newest kept, newest first), every report filed and refused so far, the reports
/// filed on the current scenario day, and the outages of their endpoint that take a postmortem (oldest first).
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.IncidentLog")]
public sealed record IncidentLog(ImmutableArray<FiledIncident> Reports, int Filed, int Refused, int FiledToday, ImmutableArray<EndpointOutage> Outages);
