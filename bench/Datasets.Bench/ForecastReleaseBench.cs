using PPipe.Grains.Interfaces.Datasets;
using PPipe.Scenarios;
using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;

namespace PPipe.Datasets.Bench;

/// <summary>
/// Releasing a forecast from a stored dataset (issue 16's goal for <c>task: forecast</c>): a generated hourly record of
/// many stores is uploaded with its time column and read as a forecast's table, its rows laid on the (series, step) grid
/// by the store column; release 1 — every store at every hour of the history and of the first day — is streamed from
/// <see cref="ScenarioGenerator.OpenRelease"/> through the CSV and JSONL writers, interleaved with the same rows
/// materialized beforehand through the same writers, as <see cref="ReleaseBench"/> does for a classification.
/// </summary>
internal static class ForecastReleaseBench
{
    private const string DatasetId = "bench-forecast";

    /// <summary>The release cadence is a day of hourly steps: release 1 holds the history and these steps.</summary>
    private const int StepsPerDay = 24;

    /// <summary>The spec's duration in days: the recorded steps must cover release 1, the two days after it and a horizon.</summary>
    private const int Days = 3;

    /// <summary>What <see cref="ReadAll"/> read, kept so that no read can be left out.</summary>
    private static long _checksum;

    public static async Task RunAsync(int series, int steps, int releaseRows, int runs)
    {
        if (releaseRows % series != 0 || !Fits(releaseRows, series, steps))
        {
            throw new ArgumentException($"A release of {releaseRows:N0} rows is not whole steps of {series} series within {steps} recorded steps.");
        }

        var loadAtStart = ReleaseReport.LoadAverage();
        var file = BenchSeries.Csv(series, steps);
        var dataset = await StoredDataset.UploadAsync(DatasetId, file, new DatasetRoles(BenchSeries.Target, IdColumn: null, BenchSeries.TimeColumn),
            ScenarioTask.Forecast, BenchSeries.SeriesColumn);
        Console.WriteLine($"## Dataset: {dataset.Profile.Rows:N0} rows × {dataset.Profile.Columns.Length} columns ({file.Length / 1e6:F1} MB of CSV): " +
            $"{series} series (`{BenchSeries.SeriesColumn}`) × {steps:N0} hourly steps, ingested into the embedded store (`MemoryDatasetStore`) " +
            $"and read as a forecast; load average at start {loadAtStart}");
        Console.WriteLine();

        // 1. What a process pays once per scenario version, here with the rows laid on the grid.
        var (table, scenario, loads) = await dataset.TimeLoadsAsync(5, loaded => ReleaseReport.Read(Spec(releaseRows / series), loaded));
        ReleaseReport.PrintLoads(table, loads, "Reading the stored chunks (CsvHelper), parsing every value into the columnar table, laying the rows " +
            "on the (series, step) grid (every series at every step, checked), reading the reference predictions back and reading the forecast spec over the table's template.");

        // 2. Release 1 streamed, against the same rows pre-built.
        var generator = ReleaseReport.Generator(scenario);
        var prebuilt = RowTable.Load(generator.OpenRelease(1));
        if (prebuilt.Count != releaseRows)
        {
            throw new InvalidOperationException($"Release 1 holds {prebuilt.Count:N0} rows, not {releaseRows:N0}.");
        }

        Console.WriteLine(CheckForecastPath(prebuilt, table));
        Console.WriteLine();

        var measured = await ReleaseReport.MeasurePairsAsync(
            runs,
            [
                .. ReleaseReport.WriterPairs("forecast release", prebuilt, () => generator.OpenRelease(1)),
                ("baseline: pre-built rows, read without writing", releaseRows, _ => ReadAll(prebuilt.OpenReader())),
                ("forecast release, read without writing", releaseRows, _ => ReadAll(generator.OpenRelease(1))),
            ]);
        ReleaseReport.PrintPairs($"## Release 1 ({releaseRows:N0} rows: {series} series × {releaseRows / series - StepsPerDay:N0} hours of history and the " +
            $"first day's {StepsPerDay}; {prebuilt.Columns.Count} columns) streamed to a counting stream (median of {runs} interleaved runs)", measured);
        Console.WriteLine($"Each baseline holds its {releaseRows:N0} rows in memory before timing starts; a release holds none, only the table every release shares. " +
            "Read without writing, each side reads every row's id, time and values and writes nothing: the difference is what generating the rows costs, " +
            "without the writer's work that both sides share (not the goal's measure).");
        Console.WriteLine();

        // 3. Memory against release size: a forecast's release 1 grows with its history, every other key the same.
        await ReleaseReport.PrintSizesAsync(
            "## Memory against release size (forecast release → CSV, the same table; the history makes the size)",
            new[] { releaseRows / 10, releaseRows / 2, releaseRows, releaseRows * 2 }.Select(rows => rows / series * series)
                .Where(rows => Fits(rows, series, steps)).Distinct(),
            runs,
            rows => ReleaseReport.Generator(ReleaseReport.Read(Spec(rows / series), table)));
        ReleaseReport.PrintGoal("a forecast release", measured, ["CSV", "JSONL"],
            "the uploaded file, the store, two tables while loading and the pre-built baseline included");
    }

    /// <summary>Reads every row's id, time and values as a writer does, and writes nothing.</summary>
    private static Task ReadAll(RowReader rows)
    {
        var columns = rows.Columns.Count;
        while (rows.Read())
        {
            var sum = rows.Id.Index + rows.Timestamp.UtcTicks;
            for (var c = 0; c < columns; c++)
            {
                sum += (long)rows.GetValue(c);
            }

            _checksum += sum;
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Whether release 1 of <paramref name="rows"/> rows leaves, besides its history and first day, the recorded steps the
    /// rest of the scenario needs (its other days and a horizon), with the season and a step of history at least.
    /// </summary>
    private static bool Fits(int rows, int series, int steps) =>
        rows / series - StepsPerDay > StepsPerDay && rows / series + (Days - 1) * StepsPerDay + StepsPerDay <= steps;

    /// <summary>
    /// Checks that release 1 took the forecast path — every cell at its recorded hour, series by series within a step, and
    /// each series the recorded one times a factor of the student's own — and says so; throws when it did not.
    /// </summary>
    private static string CheckForecastPath(RowTable release, DatasetTable table)
    {
        var grid = table.Grid ?? throw new InvalidOperationException("The table was not laid on a grid.");
        var target = release.Columns.Select((column, index) => (column, index)).Single(c => c.column.Name == BenchSeries.Target).index;
        var factors = new double[grid.Series.Length][];
        for (var s = 0; s < factors.Length; s++)
        {
            factors[s] = [double.MaxValue, double.MinValue];
        }

        for (var row = 0; row < release.Count; row++)
        {
            // Release 1 starts at the first recorded step, so its row i is the table's row i (step i / S, series i mod S).
            if (release.TimestampAt(row) != grid.TimeOf(grid.StepOf(row)))
            {
                throw new InvalidOperationException($"Row {row} of release 1 is at {release.TimestampAt(row):O}, not at its recorded time {grid.TimeOf(grid.StepOf(row)):O}.");
            }

            if (table.TargetOf(row) > 1)
            {
                var factor = release.ValueAt(row, target) / table.TargetOf(row);
                var range = factors[row % grid.Series.Length];
                (range[0], range[1]) = (Math.Min(range[0], factor), Math.Max(range[1], factor));
            }
        }

        // Values are rounded to two decimals after scaling, so a series' factor varies by a little over a value of at least 1.
        if (factors.Any(f => f[1] - f[0] > 0.01 || f[0] < 1 / GeneratedRowReader.MaxSeriesFactor - 0.01 || f[1] > GeneratedRowReader.MaxSeriesFactor + 0.01)
            || factors.All(f => Math.Abs(f[0] - 1) < 0.01))
        {
            throw new InvalidOperationException("Release 1's values are not each series' recorded values times a factor of the student's own.");
        }

        return $"Release 1 holds {grid.Series.Length} series at each of {release.Count / grid.Series.Length:N0} steps, at their recorded hours " +
            $"({grid.TimeOf(0):yyyy-MM-dd HH:mm} to {release.TimestampAt(release.Count - 1):yyyy-MM-dd HH:mm} UTC); each series is the recorded one " +
            $"times the student's factor, here {factors.Min(f => f[0]):F3} to {factors.Max(f => f[1]):F3} across series.";
    }

    /// <summary>
    /// The dataset's default forecast spec, hourly steps taking an hour of scenario time, a daily season and horizon, and
    /// release 1 holding <paramref name="stepsPerSeries"/> steps of every series: the history and the first day.
    /// </summary>
    private static string Spec(int stepsPerSeries) =>
        $$"""
        dataset: {id: {{DatasetId}}, version: 1}
        duration: {{Days}}d
        forecast: {series: {{BenchSeries.SeriesColumn}}, horizon: {{StepsPerDay}}, season: {{StepsPerDay}}, history: {{stepsPerSeries - StepsPerDay}}h, step: 1h}
        releases: {first: 0d, cadence: 1d}

        """;
}
