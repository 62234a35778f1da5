namespace PPipe.Grains.Diagnostics;

/// <summary>
/// Counts occurrences of something logged together, and says when the count is due to be written: at the first and then
/// at most once per <paramref name="period"/>, so a storm of the same failure is one line with its count, not a line
/// each. Safe to use from many threads.
/// </summary>
internal sealed class LogTally(TimeSpan period, TimeProvider time)
{
    private long _count;
    private long _writtenAt;

    /// <summary>Counts one; the count since the last line written when a line is due now (this caller writes it), else null.</summary>
    public long? Add()
    {
        Interlocked.Increment(ref _count);
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _writtenAt);
        return now - last >= period.Ticks && Interlocked.CompareExchange(ref _writtenAt, now, last) == last
            ? Interlocked.Exchange(ref _count, 0)
            : null;
    }
}
