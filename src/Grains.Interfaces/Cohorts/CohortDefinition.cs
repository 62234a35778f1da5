namespace PPipe.Grains.Interfaces.Cohorts;

/// <summary>What an instructor gives to open a cohort: a scenario version, a start, a speed and optionally its own late policy and grading.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.CohortDefinition")]
public sealed record CohortDefinition(string Name, string ScenarioId, int Version, DateTimeOffset StartsAt, double Speed, CohortLatePolicy? Late = null,
    CohortGrading? Grading = null);
