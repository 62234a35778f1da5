namespace PPipe.Scenarios.Timeline;

/// <summary>A scheduled event at scenario time <see cref="At"/> (elapsed since the start). <see cref="Seq"/> is the
/// release or batch seq, the probe slot, or the index of the drift/quirk event in the scenario.</summary>
public readonly record struct TimelineEvent(TimeSpan At, TimelineEventKinds Kind, long Seq);
