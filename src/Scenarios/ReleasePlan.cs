using System.Collections.Immutable;

namespace PPipe.Scenarios;

/// <summary>
/// When labelled training data is published. Release <c>n</c> (from 1) is due at
/// <see cref="First"/> + (n − 1) × <see cref="Cadence"/> and holds the rows of the
/// <see cref="Cadence"/>-long window that ends <see cref="Lag"/> before it (labels known only later). Release 1 of a
/// forecast also carries <see cref="History"/> before its window, in <see cref="HistoryRows"/> more rows.
/// </summary>
public sealed record ReleasePlan(
    TimeSpan First,
    TimeSpan Cadence,
    int Rows,
    TimeSpan Lag,
    ImmutableArray<Channel> Rotation,
    TimeSpan History = default,
    int HistoryRows = 0)
{
    /// <summary>The rows of release <paramref name="seq"/>'s own window (before late and duplicated rows).</summary>
    public int RowsOf(int seq) => seq == 1 ? Rows + HistoryRows : Rows;

    /// <summary>How long a span release <paramref name="seq"/>'s window covers, ending <see cref="Lag"/> before its time.</summary>
    public TimeSpan SpanOf(int seq) => seq == 1 ? Cadence + History : Cadence;

    /// <summary>Where the window of release <paramref name="seq"/> starts: its rows are from here up to <see cref="Lag"/> before its time.</summary>
    public TimeSpan WindowStartOf(int seq) => TimeOf(seq) - Lag - SpanOf(seq);

    /// <summary>The channel release <paramref name="seq"/> is delivered through: the rotation, in turn.</summary>
    public Channel ChannelOf(int seq) => Rotation[(seq - 1) % Rotation.Length];

    /// <summary>Nominal publication time of release <paramref name="seq"/> (before any channel outage delays it).</summary>
    public TimeSpan TimeOf(int seq) => First + (seq - 1) * Cadence;

    /// <summary>Releases whose nominal time falls before the end of a scenario of the given duration.</summary>
    public int CountWithin(TimeSpan duration) =>
        First >= duration ? 0 : (int)((duration - First - TimeSpan.FromTicks(1)).Ticks / Cadence.Ticks) + 1;
}
