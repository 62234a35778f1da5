namespace PPipe.Simulation.Students;

/// <summary>
/// Kinds of students an instructor recognises. Each differs from <see cref="Diligent"/> in one habit, so a
/// rubric can be checked to order them the way an instructor would. Every student names the model its endpoint answers
/// with (a new version for each model trained, <c>v1</c>, <c>v2</c>, …, and the last release trained on), except where
/// the archetype says otherwise.
/// </summary>
public enum StudentArchetype
{
    /// <summary>Fetches every release, retrains on a sliding window of the latest releases after each one,
    /// submits every batch as soon as it opens, serves a fast and reliable endpoint, and monitors what it fetches:
    /// reports a changed header, a channel outage and a clear shift in a column's mean (see <see cref="ReleaseMonitor"/>).</summary>
    Diligent,

    /// <summary>Trains on the first releases only (the model is refit while the first window fills), then
    /// never again; keeps fetching and otherwise behaves like <see cref="Diligent"/>.</summary>
    TrainsOnce,

    /// <summary>Retrains after every release on everything fetched so far (the most recent rows, up to a cap):
    /// diligent, but old concepts linger in the training data after a drift.</summary>
    RetrainsEveryRelease,

    /// <summary>Submits every batch after its due time (by a configurable scenario time, before typical
    /// cutoffs); otherwise diligent.</summary>
    SubmitsLate,

    /// <summary>Its endpoint fails a share of calls (half with 500, half by dropping the connection);
    /// otherwise diligent.</summary>
    FlakyEndpoint,

    /// <summary>Its endpoint answers every call after a delay over typical latency objectives; otherwise diligent.</summary>
    SlowEndpoint,

    /// <summary>Never registers an endpoint; otherwise diligent.</summary>
    NeverDeploys,

    /// <summary>Submits exactly another student's latest predictions for each batch (once that student has
    /// submitted them); otherwise diligent (its own model serves its endpoint).</summary>
    Copier,

    /// <summary>Never reports an incident, whatever its data shows; otherwise diligent.</summary>
    Silent,

    /// <summary>Reports drift on noise (a shift of a few standard errors, however small) and, every few releases, a
    /// problem nothing showed; otherwise diligent.</summary>
    FalseAlarmer,

    /// <summary>Retrains like <see cref="Diligent"/> but names every model it serves <c>v1</c>, as first trained: the same
    /// version answers the same rows differently after each retraining, so probe replays find it not reproducible.</summary>
    ReusesVersion,

    /// <summary>Takes its endpoint down for a while (<see cref="SimulatedStudentOptions.RedeployDowntime"/>) whenever it switches
    /// to a newly trained model; otherwise diligent.</summary>
    RedeploysWithDowntime,

    /// <summary>Announces each newly trained model (<c>POST /api/v1/deployments</c>) and switches to it without downtime;
    /// otherwise diligent.</summary>
    BlueGreen,

    /// <summary>Retrains like <see cref="Diligent"/> but never names its model: its endpoint's answers carry no <c>model</c>,
    /// so retraining can be neither credited on lineage nor checked for reproducibility.</summary>
    NoLineage,

    /// <summary>Retrains like <see cref="Diligent"/> and names each model anew, but claims it was trained through
    /// <see cref="SimulatedStudentOptions.LineageInflation"/> releases more than it fetched: a claim about data not fetched.</summary>
    InflatedLineage,
}
