namespace PPipe.Scenarios;

/// <summary>How P-PIPE numbers scenario days for people: the day a scenario time falls on, the first day being day 1.</summary>
public static class ScenarioDay
{
    /// <summary>The day <paramref name="elapsed"/> (scenario time since the start) falls on; day 1 for the start and before it.</summary>
    public static int Of(TimeSpan elapsed) => elapsed <= TimeSpan.Zero ? 1 : (int)(elapsed.Ticks / TimeSpan.TicksPerDay) + 1;
}
