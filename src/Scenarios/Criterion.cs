namespace PPipe.Scenarios;

/// <summary>
/// A rubric criterion; spelled in specs in camelCase (<c>batchQuality</c>). A spec without <c>grading.criteria</c> weighs
/// every criterion but the opt-in ones (<see cref="CriterionExtensions.IsOptIn"/>) equally; an opt-in criterion counts only when a spec names it.
/// </summary>
public enum Criterion
{
    Acquisition,
    BatchQuality,
    Punctuality,
    EndpointAvailability,
    EndpointLatency,
    EndpointQuality,
    Adaptation,

    /// <summary>Incident reports: how many injected events were reported, how soon, and how many reports were false alarms.</summary>
    Monitoring,

    /// <summary>Model lineage: a new model version, claimed trained on data from after each concept change, whose answers show it.</summary>
    Lineage,

    /// <summary>Reproducibility: the same model version answers the same rows the same way, on a probe replay and on a resubmitted batch.</summary>
    Reproducibility,
    /// <summary>Safe rollouts: no failed probe and no dip in quality around each change of the model version the endpoint serves.</summary>
    Rollout,
}
