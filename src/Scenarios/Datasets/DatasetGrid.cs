using System.Collections.Immutable;

namespace PPipe.Scenarios.Datasets;

/// <summary>
/// How a dataset's rows lie on a forecast's (series, step) grid: the steps are the distinct values of its time column in
/// order, the series the values of <see cref="SeriesColumn"/> (one series when there is none), and every series has
/// exactly one row at every step. A table over a grid keeps its rows step by step, series by series within a step, so
/// the row of a cell is <c>step × series count + series</c>.
/// </summary>
public sealed class DatasetGrid
{
    internal DatasetGrid(string? seriesColumn, ImmutableArray<string> series, long[] stepTicks)
    {
        SeriesColumn = seriesColumn;
        Series = series;
        StepTicks = stepTicks;
    }

    /// <summary>The feature column whose value names a row's series; null when the dataset is one series.</summary>
    public string? SeriesColumn { get; }

    /// <summary>The series in the series column's category order; one (named after the target) when there is no series column.</summary>
    public ImmutableArray<string> Series { get; }

    /// <summary>The recorded time of each step (UTC ticks), ascending.</summary>
    internal long[] StepTicks { get; }

    public int StepCount => StepTicks.Length;

    /// <summary>The recorded time of <paramref name="step"/>.</summary>
    public DateTimeOffset TimeOf(int step) => new(StepTicks[step], TimeSpan.Zero);

    /// <summary>The table row (release order) holding <paramref name="series"/> at <paramref name="step"/>.</summary>
    public int RowOf(int series, int step) => step * Series.Length + series;

    /// <summary>The step of a table row.</summary>
    public int StepOf(int row) => row / Series.Length;

    /// <summary>The median gap between consecutive steps: what one recorded step usually spans.</summary>
    public TimeSpan TypicalGap()
    {
        if (StepTicks.Length < 2)
        {
            return TimeSpan.Zero;
        }

        var gaps = new long[StepTicks.Length - 1];
        for (var i = 1; i < StepTicks.Length; i++)
        {
            gaps[i - 1] = StepTicks[i] - StepTicks[i - 1];
        }

        Array.Sort(gaps);
        return TimeSpan.FromTicks(gaps[gaps.Length / 2]);
    }
}
