namespace PPipe.Grains.Interfaces.Cohorts;

/// <summary>One pause of a cohort's scenario clock; <see cref="ResumedAt"/> is null while it lasts.</summary>
[GenerateSerializer, Immutable, Alias("ppipe.CohortPause")]
public sealed record CohortPause(DateTimeOffset PausedAt, DateTimeOffset? ResumedAt);
