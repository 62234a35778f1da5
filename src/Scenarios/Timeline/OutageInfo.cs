namespace PPipe.Scenarios.Timeline;

/// <summary>A channel outage in wall time: down from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive).</summary>
public sealed record OutageInfo(Channel Channel, DateTimeOffset From, DateTimeOffset To);
