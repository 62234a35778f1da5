namespace PPipe.Scenarios.Timeline;

/// <summary>A release as the API shows it: <see cref="ReleasedAt"/> is the wall time it became available.</summary>
public sealed record ReleaseInfo(int Seq, DateTimeOffset ReleasedAt, int Rows, Channel Channel, IReadOnlyList<string> Columns, bool Delayed);
