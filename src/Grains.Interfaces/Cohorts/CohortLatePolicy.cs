namespace PPipe.Grains.Interfaces.Cohorts;

/// <summary>
/// A cohort's own late policy, overriding the scenario's: <see cref="Policy"/> is <c>accept</c>, <c>reject</c>
/// or <c>penalty</c>; <see cref="Penalty"/> the fraction of a batch score lost (penalty only); <see cref="Cutoff"/>
/// how long after the due time late work is taken (null: until the batch's labels are revealed, which no cutoff passes).
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.CohortLatePolicy")]
public sealed record CohortLatePolicy(string Policy, double Penalty, TimeSpan? Cutoff);
