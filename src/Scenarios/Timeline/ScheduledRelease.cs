namespace PPipe.Scenarios.Timeline;

/// <summary>
/// A release in scenario time: due at <see cref="Due"/>, available at <see cref="AvailableAt"/> (later when its
/// channel is down at <see cref="Due"/>), with its exact row count (late and duplicate rows included) and the
/// columns it is published with.
/// </summary>
public sealed record ScheduledRelease(int Seq, TimeSpan Due, TimeSpan AvailableAt, Channel Channel, int Rows, IReadOnlyList<string> Columns)
{
    public bool IsDelayed => AvailableAt > Due;
}
