namespace PPipe.Grains.Interfaces.Incidents;

/// <summary>
/// An outage of the student's own endpoint long enough to take a postmortem: probes failed from <see cref="From"/> until
/// one answered at <see cref="To"/> (scenario time since the start), and the postmortem if one was filed.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.EndpointOutage")]
public sealed record EndpointOutage(int Id, TimeSpan From, TimeSpan To, string? Postmortem, DateTimeOffset? PostmortemAt);
