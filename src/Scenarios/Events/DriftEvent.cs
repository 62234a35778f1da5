namespace PPipe.Scenarios.Events;

/// <summary>A change in the world itself: what the data look like or how the target depends on them.</summary>
public abstract record DriftEvent(TimeSpan At, string? Note) : ScenarioEvent(At, Note);
