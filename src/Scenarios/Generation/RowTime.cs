namespace PPipe.Scenarios.Generation;

/// <summary>The scenario time of a row: elapsed since the cohort start, and the calendar time it stands for (UTC).</summary>
internal readonly record struct RowTime(TimeSpan Elapsed, long UtcTicks)
{
    public DateTimeOffset Timestamp => new(UtcTicks, TimeSpan.Zero);

    /// <summary>Hour of the day with fraction, 0 up to 24.</summary>
    public double HourOfDay => (UtcTicks % TimeSpan.TicksPerDay) / (double)TimeSpan.TicksPerHour;

    /// <summary>0 for Monday up to 6 for Sunday.</summary>
    public int DayOfWeek => (int)((UtcTicks / TimeSpan.TicksPerDay) % 7); // 0001-01-01 was a Monday

    public bool IsWeekend => DayOfWeek >= 5;

    public double ElapsedDays => Elapsed.Ticks / (double)TimeSpan.TicksPerDay;
}
