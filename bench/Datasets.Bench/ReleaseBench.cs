using System.Diagnostics;
using System.Globalization;
using PPipe.Grains.Client.Datasets;
using PPipe.Grains.Interfaces.Datasets;
using PPipe.Hosting.Datasets;
using PPipe.Scenarios;
using PPipe.Scenarios.Bench;
using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;
using PPipe.Scenarios.Spec;

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
    private static readonly DateTimeOffset CohortStart = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(int releaseRows, int tableRows, int runs)
    {
        var loadAtStart = LoadAverage();
        var store = new MemoryDatasetStore(TimeProvider.System);
        var file = BenchDataset.Csv(tableRows);
        var ingested = await new DatasetIngest(store).IngestAsync(DatasetId, DatasetFormat.Csv, new MemoryStream(file), long.MaxValue, CancellationToken.None);
        if (ingested is not { Upload: { } upload, Profile: { } profile })
        {
            throw new InvalidOperationException($"The upload refused the bench's dataset: {ingested.Problem?.Message}");
        }

        var roles = new DatasetRoles(BenchDataset.Target, BenchDataset.IdColumn, BenchDataset.TimeColumn);
        // Reading a table and its references touches the store only; the grain factory is for looking a version up.
        var source = new DatasetScenarioSource(null!, store);
        var references = await StoreStandInReferencesAsync(source, await ReadTableAsync(source, profile, roles, upload));

        Console.WriteLine($"## Dataset: {profile.Rows:N0} rows × {profile.Columns.Length} columns ({file.Length / 1e6:F1} MB of CSV), " +
            $"ingested into the embedded store (`MemoryDatasetStore`); load average at start {loadAtStart}");
        Console.WriteLine();

        // 1. What a process pays once per scenario version: the table from the store, the references, the template and the spec.
        var loads = new List<(TimeSpan Time, long Allocated, long Retained)>();
        var loaded = new LoadedScenario();
        for (var run = 0; run < 5; run++)
        {
            loads.Add(await TimeLoadAsync(loaded, source, profile, roles, upload, references, Spec(releaseRows, drift: false)));
        }

        var (loadedTable, plain) = (loaded.Table!, loaded.Scenario!);
        var load = loads.OrderBy(l => l.Time).ElementAt(loads.Count / 2);
        Console.WriteLine("## Loading the scenario's dataset (once per process and scenario version; median of 5)");
        Console.WriteLine();
        Console.WriteLine("| rows | feature columns | median ms | fastest–slowest ms | allocated | retained (table, references, scenario) |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| {loadedTable.RowCount:N0} | {loadedTable.Features.Length} | {load.Time.TotalMilliseconds:F0} | " +
            $"{loads.Min(l => l.Time).TotalMilliseconds:F0}–{loads.Max(l => l.Time).TotalMilliseconds:F0} | {Size(load.Allocated)} | {Size(load.Retained)} |");
        Console.WriteLine();
        Console.WriteLine("Reading the stored chunks (CsvHelper), parsing every value into the columnar table, ordering by the time column, " +
            "reading the reference predictions back and reading the spec over the table's template.");
        Console.WriteLine();

        // 2. Release 1 streamed, against the same rows pre-built.
        var drifting = Read(Spec(releaseRows, drift: true), loadedTable);
        var generator = new ScenarioGenerator(plain, enrollmentSeed: 42, CohortStart);
        var drifted = new ScenarioGenerator(drifting, enrollmentSeed: 42, CohortStart);
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

        var measured = await Measurement.RunInterleavedAsync(
            runs,
            ("baseline: pre-built rows → CSV", releaseRows, sink => CsvRowWriter.WriteAsync(prebuilt.OpenReader(), sink)),
            ("dataset release → CSV", releaseRows, sink => CsvRowWriter.WriteAsync(generator.OpenRelease(1), sink)),
            ("baseline: pre-built rows → JSONL", releaseRows, sink => JsonLinesRowWriter.WriteAsync(prebuilt.OpenReader(), sink)),
            ("dataset release → JSONL", releaseRows, sink => JsonLinesRowWriter.WriteAsync(generator.OpenRelease(1), sink)),
            ("baseline: pre-built drifted rows → CSV", releaseRows, sink => CsvRowWriter.WriteAsync(prebuiltDrifted.OpenReader(), sink)),
            ("dataset release, drift active → CSV", releaseRows, sink => CsvRowWriter.WriteAsync(drifted.OpenRelease(1), sink)));
        for (var i = 0; i < measured.Count; i += 2)
        {
            if (measured[i].Bytes != measured[i + 1].Bytes)
            {
                throw new InvalidOperationException($"'{measured[i].Case}' and '{measured[i + 1].Case}' wrote different bytes; the comparison would be meaningless.");
            }
        }

        Console.WriteLine($"## Release 1 ({releaseRows:N0} rows, {prebuilt.Columns.Count} columns) streamed to a counting stream (median of {runs} interleaved runs)");
        Console.WriteLine();
        Console.WriteLine("| case | MB | median ms | rows/s | time vs baseline | allocated | peak heap growth |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (var i = 0; i < measured.Count; i++)
        {
            var (measurement, reference) = (measured[i], measured[i - i % 2]);
            Console.WriteLine(
                $"| {measurement.Case} | {measurement.Bytes / 1e6:F1} | {measurement.Median.TotalMilliseconds:F0} | {measurement.RowsPerSecond:N0} | " +
                $"{measurement.Median / reference.Median:F2}x | {Size(measurement.AllocatedBytes)} | {Size(measurement.PeakHeapGrowth)} |");
        }

        Console.WriteLine();
        Console.WriteLine($"Each baseline holds its {releaseRows:N0} rows in memory before timing starts; a release holds none, only the table every release shares.");
        Console.WriteLine();

        // 3. Memory against release size: beyond the table, a release should hold nothing of its rows.
        Console.WriteLine("## Memory against release size (dataset release → CSV, the same table)");
        Console.WriteLine();
        Console.WriteLine("| rows | MB written | median ms | rows/s | allocated | peak heap growth |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        // 1,000,000 rows is the most a release may hold.
        foreach (var rows in new[] { releaseRows / 10, releaseRows, releaseRows * 2, 1_000_000 }.Distinct())
        {
            var sized = new ScenarioGenerator(Read(Spec(rows, drift: false), loadedTable), 42, CohortStart);
            var measurement = (await Measurement.RunInterleavedAsync(
                rows >= 1_000_000 ? 3 : Math.Max(3, runs / 2),
                ($"{rows}", rows, sink => CsvRowWriter.WriteAsync(sized.OpenRelease(1), sink))))[0];
            Console.WriteLine(
                $"| {rows:N0} | {measurement.Bytes / 1e6:F1} | {measurement.Median.TotalMilliseconds:F0} | {measurement.RowsPerSecond:N0} | " +
                $"{Size(measurement.AllocatedBytes)} | {Size(measurement.PeakHeapGrowth)} |");
        }

        Console.WriteLine();
        var (csv, csvBaseline, jsonl, jsonlBaseline, drift, driftBaseline) = (measured[1], measured[0], measured[3], measured[2], measured[5], measured[4]);
        var ratios = new[] { csv.Median / csvBaseline.Median, jsonl.Median / jsonlBaseline.Median, drift.Median / driftBaseline.Median };
        Console.WriteLine($"Goal: a dataset release within 3x of the baseline. Measured {ratios[0]:F2}x (CSV), {ratios[1]:F2}x (JSONL), " +
            $"{ratios[2]:F2}x (CSV, drift active): {(ratios.All(r => r <= 3) ? "met" : "NOT met")}.");
        Console.WriteLine($"Process peak working set {Size(Process.GetCurrentProcess().PeakWorkingSet64)} (the uploaded file, the store, " +
            "two tables while loading and the pre-built baselines included). Load average at end " + LoadAverage() + ".");
    }

    /// <summary>
    /// Times what <c>ScenarioCatalog</c> does for a stored scenario over a dataset after its grain calls, into
    /// <paramref name="loaded"/>: only numbers come back, so nothing of the previous load stays reachable while the heap
    /// is read before the next.
    /// </summary>
    private static async Task<(TimeSpan Time, long Allocated, long Retained)> TimeLoadAsync(LoadedScenario loaded, DatasetScenarioSource source,
        DatasetProfile profile, DatasetRoles roles, Guid upload, Guid references, string spec)
    {
        (loaded.Table, loaded.Scenario) = (null, null);
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var heapBefore = GC.GetTotalMemory(true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        loaded.Table = await source.LoadReferencesAsync(await ReadTableAsync(source, profile, roles, upload), references, CancellationToken.None);
        loaded.Scenario = Read(spec, loaded.Table);
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return (clock.Elapsed, allocated, GC.GetTotalMemory(true) - heapBefore);
    }

    private static async Task<DatasetTable> ReadTableAsync(DatasetScenarioSource source, DatasetProfile profile, DatasetRoles roles, Guid upload)
    {
        var (table, problems) = await source.ReadTableAsync(DatasetId, 1, profile, roles, upload, task: null, seed: 1, CancellationToken.None);
        return table ?? throw new InvalidOperationException($"The bench's dataset cannot run as a scenario: {string.Join("; ", problems)}");
    }

    /// <summary>Constant predictions stand in for the reference models: fitting them is not what this measures.</summary>
    private static Task<Guid> StoreStandInReferencesAsync(DatasetScenarioSource source, DatasetTable table)
    {
        var oracle = Enumerable.Repeat(new ConceptOutput(0, 0, 0.2), table.RowCount).ToArray();
        var stale = Enumerable.Repeat(new ConceptOutput(0, 0, 0.15), table.RowCount).ToArray();
        return source.SaveReferencesAsync(table, oracle, stale, CancellationToken.None);
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

    private static Scenario Read(string spec, DatasetTable table) =>
        ScenarioSpecReader.Read(spec, DatasetTemplates.Create(table)) is { IsValid: true } result
            ? result.Scenario
            : throw new InvalidOperationException("The bench's spec does not validate: " +
                string.Join("; ", ScenarioSpecReader.Read(spec, DatasetTemplates.Create(table)).Errors));

    /// <summary>The mean of a number column over the rows, or the share of class 1 (<c>true</c>) of a boolean.</summary>
    private static double MeanOf(RowTable rows, string column)
    {
        var index = rows.Columns.Select((c, i) => (c, i)).Single(x => x.c.Name == column).i;
        var values = Enumerable.Range(0, rows.Count).Select(r => rows.ValueAt(r, index)).Where(v => !double.IsNaN(v)).ToList();
        return values.Average();
    }

    private static string LoadAverage() =>
        string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string Size(long bytes) => bytes switch
    {
        < 10_000 => $"{bytes} B",
        < 10_000_000 => $"{(bytes / 1e3).ToString("F0", CultureInfo.InvariantCulture)} kB",
        _ => $"{(bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture)} MB",
    };

    private sealed class LoadedScenario
    {
        public DatasetTable? Table { get; set; }

        public Scenario? Scenario { get; set; }
    }
}
