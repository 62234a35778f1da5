namespace PPipe.Grains.Interfaces.Calendar;

/// <summary>
/// How often a student may replace their calendar feed URL: each rotation leaves a revoked index entry in storage, so a
/// program calling it in a loop must not grow storage without bound. Counted in fixed one-hour windows.
/// </summary>
public static class CalendarRotationLimit
{
    public const int PerHour = 10;

    public static readonly TimeSpan Window = TimeSpan.FromHours(1);
}
