namespace PPipe.Scenarios.Timeline;

/// <summary>A channel is down from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive), in scenario time.</summary>
public sealed record OutageWindow(Channel Channel, TimeSpan From, TimeSpan To)
{
    public bool Covers(TimeSpan t) => t >= From && t < To;
}
