using System.Collections.Immutable;

namespace PPipe.Scenarios;

/// <summary>
/// The shape of a forecast task. Rows are cells of a grid: every series in <see cref="Series"/> (the values of
/// <see cref="SeriesColumn"/>, or one series when that is null) at every <see cref="Step"/>. Releases hold every cell of their window; the first
/// also holds <see cref="History"/> before it, so a model can be fitted on day one. Batch <c>n</c> asks for the
/// <see cref="Horizon"/> steps after the newest release published when it opens (its <see cref="OriginAt"/>),
/// for every series. MASE divides each series' error by the error of "the same as one <see cref="Season"/> ago"
/// over the last <see cref="ScaleSeasons"/> seasons released before that origin.
/// </summary>
public sealed record ForecastPlan(string? SeriesColumn, ImmutableArray<string> Series, TimeSpan Step, int Horizon, int Season, TimeSpan History)
{
    /// <summary>
    /// How many seasons of seasonal differences MASE's scale averages. A trailing window rather than all history
    /// released so far keeps the scale in step with the series' current level and noise, and keeps it cheap: a probe
    /// regenerates these values for the series it asks about.
    /// </summary>
    public const int ScaleSeasons = 4;

    /// <summary>How many seasons of each series' most recent values a probe instance carries as its history.</summary>
    public const int ContextSeasons = 2;

    /// <summary>The values of one series a probe sends with each instance: <see cref="ContextSeasons"/> seasons.</summary>
    public int ContextSteps => ContextSeasons * Season;

    /// <summary>The values MASE's scale is computed from: <see cref="ScaleSeasons"/> seasons of differences need one season more.</summary>
    public int ScaleSteps => (ScaleSeasons + 1) * Season;

    /// <summary>How many whole steps fit in <paramref name="span"/>.</summary>
    public int StepsIn(TimeSpan span) => (int)(span.Ticks / Step.Ticks);

    /// <summary>
    /// Where forecasts made at scenario time <paramref name="at"/> start from: the end of the window of the newest
    /// release published by then (nominally, before any outage). Its steps are history; the forecast is for the steps
    /// from it on. Null before the first release.
    /// </summary>
    public static TimeSpan? OriginAt(ReleasePlan releases, TimeSpan at)
    {
        ArgumentNullException.ThrowIfNull(releases);
        if (at < releases.First)
        {
            return null;
        }

        var newest = (int)((at - releases.First).Ticks / releases.Cadence.Ticks) + 1;
        return releases.TimeOf(newest) - releases.Lag;
    }
}
