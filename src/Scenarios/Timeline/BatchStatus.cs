namespace PPipe.Scenarios.Timeline;

/// <summary>Where a batch stands: open from its opening time (inclusive) until its due time (exclusive).</summary>
public enum BatchStatus
{
    Upcoming,
    Open,
    Closed,
}
