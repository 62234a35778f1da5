using PPipe.Grains.Client.Datasets;
using PPipe.Grains.Interfaces.Datasets;
using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;

namespace PPipe.Datasets.Bench;

/// <summary>
/// Releasing from a stored dataset (issue 16): a generated 20-column dataset is uploaded into the embedded store through
/// <see cref="DatasetIngest"/>, loaded back as a process loads it (<see cref="DatasetScenarioSource"/>: the stored chunks
/// into a <see cref="DatasetTable"/>, stand-in reference predictions stored and read back), and release 1 is streamed
/// from <see cref="ScenarioGenerator.OpenRelease"/> through the CSV and JSONL writers, interleaved with the same rows
/// materialized beforehand through the same writers (the generator benchmark's baseline), with and without drift.
/// </summary>
internal static class ReleaseBench
{
    private const string DatasetId = "bench";

    public static async Task RunAsync(int releaseRows, int tableRows, int runs)
    {
        var loadAtStart = ReleaseReport.LoadAverage();
        var file = BenchDataset.Csv(tableRows);
        var dataset = await StoredDataset.UploadAsync(DatasetId, file, new DatasetRoles(BenchDataset.Target, BenchDataset.IdColumn, BenchDataset.TimeColumn));
        Console.WriteLine($"## Dataset: {dataset.Profile.Rows:N0} rows × {dataset.Profile.Columns.Length} columns ({file.Length / 1e6:F1} MB of CSV), " +
            $"ingested into the embedded store (`MemoryDatasetStore`); load average at start {loadAtStart}");
        Console.WriteLine();

        // 1. What a process pays once per scenario version: the table from the store, the references, the template and the spec.
        var (loadedTable, plain, loads) = await dataset.TimeLoadsAsync(5, table => ReleaseReport.Read(Spec(releaseRows, drift: false), table));
        ReleaseReport.PrintLoads(loadedTable, loads, "Reading the stored chunks (CsvHelper), parsing every value into the columnar table, " +
            "ordering by the time column, reading the reference predictions back and reading the spec over the table's template.");

        // 2. Release 1 streamed, against the same rows pre-built.
        var generator = ReleaseReport.Generator(plain);
        var drifted = ReleaseReport.Generator(ReleaseReport.Read(Spec(releaseRows, drift: true), loadedTable));
        var prebuilt = RowTable.Load(generator.OpenRelease(1));
        var prebuiltDrifted = RowTable.Load(drifted.OpenRelease(1));
        if (prebuilt.Count != releaseRows || prebuiltDrifted.Count != releaseRows)
        {
            throw new InvalidOperationException($"Release 1 holds {prebuilt.Count:N0} rows, not {releaseRows:N0}.");
        }

        // The drifting release must take the costly path: its draws are re-weighted, so its shares move.
        Console.WriteLine($"Release 1 without drift: mean {BenchDataset.ShiftedFeature} {MeanOf(prebuilt, BenchDataset.ShiftedFeature):F1}, " +
            $"{BenchDataset.Target} = true in {MeanOf(prebuilt, BenchDataset.Target):P1} of rows; with drift (shift +10, true drawn twice as often): " +
            $"{MeanOf(prebuiltDrifted, BenchDataset.ShiftedFeature):F1} and {MeanOf(prebuiltDrifted, BenchDataset.Target):P1}.");
        Console.WriteLine();

        var measured = await ReleaseReport.MeasurePairsAsync(
            runs,
            [
                .. ReleaseReport.WriterPairs("dataset release", prebuilt, () => generator.OpenRelease(1)),
                ("baseline: pre-built drifted rows → CSV", releaseRows, sink => CsvRowWriter.WriteAsync(prebuiltDrifted.OpenReader(), sink)),
                ("dataset release, drift active → CSV", releaseRows, sink => CsvRowWriter.WriteAsync(drifted.OpenRelease(1), sink)),
            ]);
        ReleaseReport.PrintPairs(
            $"## Release 1 ({releaseRows:N0} rows, {prebuilt.Columns.Count} columns) streamed to a counting stream (median of {runs} interleaved runs)", measured);
        Console.WriteLine($"Each baseline holds its {releaseRows:N0} rows in memory before timing starts; a release holds none, only the table every release shares.");
        Console.WriteLine();

        // 3. Memory against release size: beyond the table, a release should hold nothing of its rows (1,000,000 is the most a release may hold).
        await ReleaseReport.PrintSizesAsync(
            "## Memory against release size (dataset release → CSV, the same table)",
            new[] { releaseRows / 10, releaseRows, releaseRows * 2, 1_000_000 }.Distinct(),
            runs,
            rows => ReleaseReport.Generator(ReleaseReport.Read(Spec(rows, drift: false), loadedTable)));
        ReleaseReport.PrintGoal("a dataset release", measured, ["CSV", "JSONL", "CSV, drift active"],
            "the uploaded file, the store, two tables while loading and the pre-built baselines included");
    }

    /// <summary>The dataset's default spec with release 1 at day 1 holding <paramref name="rows"/> rows (its window is day 0
    /// to 1, where the drift below is active).</summary>
    private static string Spec(int rows, bool drift) =>
        $$"""
        dataset: {id: {{DatasetId}}, version: 1}
        releases: {first: 1d, rows: {{rows}}}

        """ + (drift
            ? $$"""
              drift:
                - {at: 0d, kind: covariate, feature: {{BenchDataset.ShiftedFeature}}, shift: 10}
                - at: 0d
                  kind: label
                  classes: {"true": 2}

              """
            : "");

    /// <summary>The mean of a number column over the rows, or the share of class 1 (<c>true</c>) of a boolean.</summary>
    private static double MeanOf(RowTable rows, string column)
    {
        var index = rows.Columns.Select((c, i) => (c, i)).Single(x => x.c.Name == column).i;
        var values = Enumerable.Range(0, rows.Count).Select(r => rows.ValueAt(r, index)).Where(v => !double.IsNaN(v)).ToList();
        return values.Average();
    }
}
