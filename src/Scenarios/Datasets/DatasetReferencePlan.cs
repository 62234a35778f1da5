using PPipe.Scenarios.Events;

namespace PPipe.Scenarios.Datasets;

/// <summary>
/// What P-PIPE's reference models of a scenario over a dataset are fitted on. The <b>oracle</b> is fitted period by
/// period: the timeline is cut at every covariate or label shift and at each quarter of the duration, and each period's
/// model sees all of that period's rows, held-out ones included. A cut that would leave a period with fewer than
/// <see cref="MinPeriodRows"/> rows is dropped (a small dataset is one period): a model fitted on a few dozen rows would
/// be no better than guessing, and quality measured against it would mean nothing. The <b>stale</b> model sees only the rows released
/// before the first batch opens (at least <see cref="MinStaleRows"/> of the first releasable rows), as a student who
/// trained once at the start would. For a forecast, the rows are the cells of its grid at their steps' times, and the
/// stale model sees the steps released before the first batch's origin.
/// </summary>
public sealed class DatasetReferencePlan
{
    /// <summary>The fewest rows the stale model is fitted on, when the first releases hold fewer.</summary>
    public const int MinStaleRows = 45;

    /// <summary>The fewest rows an oracle period holds: enough for each of three cross-fitted folds to learn from 100.</summary>
    public const int MinPeriodRows = 150;

    private DatasetReferencePlan(int[] period, bool[] staleTraining, int periods, TimeSpan staleUntil)
    {
        Period = period;
        StaleTraining = staleTraining;
        PeriodCount = periods;
        StaleUntil = staleUntil;
    }

    /// <summary>The period of each row (release order), from 0.</summary>
    public int[] Period { get; }

    public int PeriodCount { get; }

    /// <summary>The rows (release order) the stale model is fitted on.</summary>
    public bool[] StaleTraining { get; }

    /// <summary>The scenario time up to which released rows train the stale model.</summary>
    public TimeSpan StaleUntil { get; }

    public static DatasetReferencePlan For(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var table = scenario.Dataset ?? throw new ArgumentException("The scenario does not run over a dataset.", nameof(scenario));
        var duration = scenario.Duration;
        var timeOf = TimeOfRows(scenario, table);
        var cuts = scenario.Drift.Where(d => d is CovariateShift or LabelShift).Select(d => d.At)
            .Concat([duration / 4, duration / 2, duration * 3 / 4])
            .Where(t => t > TimeSpan.Zero && t < duration)
            .Distinct()
            .Order()
            .ToArray();
        // Rows are in time order, so a cut at t starts its period at the first row placed at or after t.
        var starts = cuts.Select(t => FirstRowAtOrAfter(table, t, timeOf)).ToList();
        var kept = new List<int>();
        var previous = 0;
        foreach (var start in starts)
        {
            if (start - previous >= MinPeriodRows && table.RowCount - start >= MinPeriodRows)
            {
                kept.Add(start);
                previous = start;
            }
        }

        var period = new int[table.RowCount];
        for (int row = 0, p = 0; row < period.Length; row++)
        {
            while (p < kept.Count && kept[p] <= row)
            {
                p++;
            }

            period[row] = p;
        }

        var staleUntil = scenario.Batches?.OpensAt(1) ?? scenario.Endpoint?.From ?? duration / 4;
        if (scenario.Forecast is not null && ForecastPlan.OriginAt(scenario.Releases, staleUntil) is { } origin)
        {
            // A forecast model trained at the first batch knows the steps released by then: those before its origin.
            staleUntil = origin;
        }

        var staleTraining = new bool[table.RowCount];
        var count = 0;
        foreach (var row in table.Released)
        {
            if (timeOf(row) < staleUntil || count < MinStaleRows)
            {
                staleTraining[row] = true;
                count++;
            }
        }

        return new DatasetReferencePlan(period, staleTraining, kept.Count + 1, staleUntil);
    }

    /// <summary>
    /// Where each row sits on the scenario's timeline: a forecast's cell at its step (the first release's window starts at
    /// the first recorded step, and each step takes the forecast's step), any other row spread evenly over the duration.
    /// </summary>
    public static Func<int, TimeSpan> TimeOfRows(Scenario scenario, DatasetTable table)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(table);
        if (table.Grid is { } grid && scenario.Forecast is { } forecast)
        {
            var start = scenario.Releases.WindowStartOf(1);
            return row => start + forecast.Step * grid.StepOf(row);
        }

        var duration = scenario.Duration;
        return row => table.TimeOf(row, duration);
    }

    private static int FirstRowAtOrAfter(DatasetTable table, TimeSpan t, Func<int, TimeSpan> timeOf)
    {
        var row = 0;
        while (row < table.RowCount && timeOf(row) < t)
        {
            row++;
        }

        return row;
    }
}
