namespace PPipe.Scenarios.Events;

/// <summary>A change in the world itself: what the data look like or how the target depends on them.</summary>
public abstract record DriftEvent(TimeSpan At, string? Note) : ScenarioEvent(At, Note)
{
    /// <summary>True when the change makes a model trained before it wrong (what the inputs mean changes, not only what
    /// they look like), so only retraining on data from after it recovers: adaptation and lineage are judged after these.</summary>
    public virtual bool CallsForRetraining => false;
}
