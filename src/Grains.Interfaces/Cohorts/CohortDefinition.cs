namespace PPipe.Grains.Cohorts;

/// <summary>What an instructor gives to open a cohort: a scenario version, a start and a speed.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.CohortDefinition")]
public sealed record CohortDefinition(string Name, string ScenarioId, int Version, DateTimeOffset StartsAt, double Speed);
