namespace PPipe.Scenarios.Output;

/// <summary>
/// What a forecast probe sends with each instance: the latest released <see cref="Values"/> of the instance's series,
/// oldest first, one per step, the last of them at <see cref="Last"/>. The instance's own time is a step of the
/// horizon after it.
/// </summary>
public sealed record ProbeHistory(DateTimeOffset Last, IReadOnlyList<double> Values);
