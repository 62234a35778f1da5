namespace PPipe.Scenarios.Timeline;

/// <summary>Consecutive probe slots <see cref="First"/> .. <see cref="First"/> + <see cref="Count"/> − 1.</summary>
public readonly record struct ProbeSlotRange(long First, long Count)
{
    public long Last => First + Count - 1;

    public bool IsEmpty => Count == 0;
}
