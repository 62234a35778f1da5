using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Incidents;

/// <summary>
/// What a student reports, validated by the front end: the kind, the features (empty when none named) or the channel
/// concerned (camelCase, null when none), when it began in scenario time since the start, and a summary.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.IncidentReport")]
public sealed record IncidentReport(IncidentKind Kind, ImmutableArray<string> Features, string? Channel, TimeSpan BeganAt, string Summary);
