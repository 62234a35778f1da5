using System.Diagnostics;
using System.Globalization;
using PPipe.Scenarios;
using PPipe.Scenarios.Bench;
using PPipe.Scenarios.Datasets;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;
using PPipe.Scenarios.Spec;

namespace PPipe.Datasets.Bench;

/// <summary>
/// What the release benchmarks share: reading a spec over a dataset's table, a student's generator, the interleaved
/// measurement of streamed releases against their pre-built rows (with Scenarios.Bench's <see cref="Measurement"/>), and
/// the tables and lines they print.
/// </summary>
internal static class ReleaseReport
{
    private static readonly DateTimeOffset CohortStart = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The scenario <paramref name="spec"/> describes over <paramref name="table"/>'s template; throws when it does not validate.</summary>
    public static Scenario Read(string spec, DatasetTable table)
    {
        var result = ScenarioSpecReader.Read(spec, DatasetTemplates.Create(table));
        return result.IsValid ? result.Scenario : throw new InvalidOperationException("The bench's spec does not validate: " + string.Join("; ", result.Errors));
    }

    /// <summary>The same student's generator in every case, so a release and its pre-built rows are the same rows.</summary>
    public static ScenarioGenerator Generator(Scenario scenario) => new(scenario, enrollmentSeed: 42, CohortStart);

    /// <summary>Prints the median of <paramref name="loads"/> of <paramref name="table"/>, then <paramref name="note"/> on what a load does.</summary>
    public static void PrintLoads(DatasetTable table, IReadOnlyList<LoadTiming> loads, string note)
    {
        var load = loads.OrderBy(l => l.Time).ElementAt(loads.Count / 2);
        Console.WriteLine($"## Loading the scenario's dataset (once per process and scenario version; median of {loads.Count})");
        Console.WriteLine();
        Console.WriteLine("| rows | feature columns | median ms | fastest–slowest ms | allocated | retained (table, references, scenario) |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| {table.RowCount:N0} | {table.Features.Length} | {load.Time.TotalMilliseconds:F0} | " +
            $"{loads.Min(l => l.Time).TotalMilliseconds:F0}–{loads.Max(l => l.Time).TotalMilliseconds:F0} | {Size(load.Allocated)} | {Size(load.Retained)} |");
        Console.WriteLine();
        Console.WriteLine(note);
        Console.WriteLine();
    }

    /// <summary>
    /// The two pairs every release benchmark measures: <paramref name="prebuilt"/> and <paramref name="release"/> (the
    /// release named <paramref name="name"/>, opened anew each run) through the CSV writer, then through the JSONL writer.
    /// </summary>
    public static (string Name, long Rows, Func<Stream, Task> Write)[] WriterPairs(string name, RowTable prebuilt, Func<RowReader> release) =>
    [
        ("baseline: pre-built rows → CSV", prebuilt.Count, sink => CsvRowWriter.WriteAsync(prebuilt.OpenReader(), sink)),
        ($"{name} → CSV", prebuilt.Count, sink => CsvRowWriter.WriteAsync(release(), sink)),
        ("baseline: pre-built rows → JSONL", prebuilt.Count, sink => JsonLinesRowWriter.WriteAsync(prebuilt.OpenReader(), sink)),
        ($"{name} → JSONL", prebuilt.Count, sink => JsonLinesRowWriter.WriteAsync(release(), sink)),
    ];

    /// <summary>
    /// Measures <paramref name="pairs"/> interleaved, each a baseline of pre-built rows followed by the release streaming
    /// the same rows, and checks that each pair wrote the same bytes.
    /// </summary>
    public static async Task<IReadOnlyList<Measurement>> MeasurePairsAsync(int runs, params (string Name, long Rows, Func<Stream, Task> Write)[] pairs)
    {
        var measured = await Measurement.RunInterleavedAsync(runs, pairs);
        for (var i = 0; i < measured.Count; i += 2)
        {
            if (measured[i].Bytes != measured[i + 1].Bytes)
            {
                throw new InvalidOperationException($"'{measured[i].Case}' and '{measured[i + 1].Case}' wrote different bytes; the comparison would be meaningless.");
            }
        }

        return measured;
    }

    /// <summary>Prints the measured pairs under <paramref name="heading"/>, each case's time against its pair's baseline.</summary>
    public static void PrintPairs(string heading, IReadOnlyList<Measurement> measured)
    {
        Console.WriteLine(heading);
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
    }

    /// <summary>
    /// Prints, under <paramref name="heading"/>, release 1 of <paramref name="generatorFor"/> each of <paramref name="sizes"/>
    /// rows streamed as CSV: beyond the table, a release should hold nothing of its rows.
    /// </summary>
    public static async Task PrintSizesAsync(string heading, IEnumerable<int> sizes, int runs, Func<int, ScenarioGenerator> generatorFor)
    {
        Console.WriteLine(heading);
        Console.WriteLine();
        Console.WriteLine("| rows | MB written | median ms | rows/s | allocated | peak heap growth |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var rows in sizes)
        {
            var sized = generatorFor(rows);
            var measurement = (await Measurement.RunInterleavedAsync(
                rows >= 1_000_000 ? 3 : Math.Max(3, runs / 2),
                ($"{rows}", rows, sink => CsvRowWriter.WriteAsync(sized.OpenRelease(1), sink))))[0];
            Console.WriteLine(
                $"| {rows:N0} | {measurement.Bytes / 1e6:F1} | {measurement.Median.TotalMilliseconds:F0} | {measurement.RowsPerSecond:N0} | " +
                $"{Size(measurement.AllocatedBytes)} | {Size(measurement.PeakHeapGrowth)} |");
        }

        Console.WriteLine();
    }

    /// <summary>
    /// Prints whether every pair's release is within 3x of its baseline (<paramref name="labels"/> naming the pairs in
    /// order), then the process's peak working set, <paramref name="held"/> saying what it includes, and the load average.
    /// </summary>
    public static void PrintGoal(string subject, IReadOnlyList<Measurement> measured, string[] labels, string held)
    {
        var ratios = labels.Select((_, pair) => measured[2 * pair + 1].Median / measured[2 * pair].Median).ToArray();
        Console.WriteLine($"Goal: {subject} within 3x of the baseline. Measured " +
            string.Join(", ", ratios.Select((ratio, pair) => $"{ratio:F2}x ({labels[pair]})")) + $": {(ratios.All(r => r <= 3) ? "met" : "NOT met")}.");
        Console.WriteLine($"Process peak working set {Size(Process.GetCurrentProcess().PeakWorkingSet64)} ({held}). Load average at end " + LoadAverage() + ".");
    }

    public static string LoadAverage() =>
        string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    public static string Size(long bytes) => bytes switch
    {
        < 10_000 => $"{bytes} B",
        < 10_000_000 => $"{(bytes / 1e3).ToString("F0", CultureInfo.InvariantCulture)} kB",
        _ => $"{(bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture)} MB",
    };
}
