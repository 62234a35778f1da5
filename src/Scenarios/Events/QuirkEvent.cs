namespace PPipe.Scenarios.Events;

/// <summary>A real-world data problem: the world is unchanged but what the student receives is not clean.</summary>
public abstract record QuirkEvent(TimeSpan At, string? Note) : ScenarioEvent(At, Note);
