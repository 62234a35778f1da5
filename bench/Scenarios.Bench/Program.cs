// Scenario engine benchmark: how fast a release streams out as CSV, compared with writing the same rows
// already held in memory (the baseline: the writer alone), and whether memory stays flat as releases grow.
// Run: dotnet run -c Release --project bench/Scenarios.Bench [submissions] (the argument runs only the submission part)
using System.Globalization;
using System.Runtime.InteropServices;
using PPipe.Scenarios;
using PPipe.Scenarios.Bench;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;
using PPipe.Scenarios.Spec;

const int ReleaseRows = 100_000;
const int Runs = 11;
var cohortStart = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

Console.WriteLine($"Scenario engine benchmark · {RuntimeInformation.FrameworkDescription} · {RuntimeInformation.OSDescription} · {Environment.ProcessorCount} cores");
Console.WriteLine();

if (args is ["submissions"])
{
    await SubmissionBench.RunAsync(Runs, cohortStart);
    return;
}

// 1. The same 100,000-row taxi-fares release, three ways.
var scenario = Read($"template: taxi-fares\nreleases: {{rows: {ReleaseRows}}}");
var generator = new ScenarioGenerator(scenario, enrollmentSeed: 42, cohortStart);
var prebuilt = RowTable.Load(generator.OpenRelease(3));

var measured = await Measurement.RunInterleavedAsync(
    Runs,
    ("baseline: pre-built rows → CSV", ReleaseRows, sink => CsvRowWriter.WriteAsync(prebuilt.OpenReader(), sink)),
    ("generated → CSV", ReleaseRows, sink => CsvRowWriter.WriteAsync(generator.OpenRelease(3), sink)),
    ("baseline: pre-built rows → JSONL", ReleaseRows, sink => JsonLinesRowWriter.WriteAsync(prebuilt.OpenReader(), sink)),
    ("generated → JSONL", ReleaseRows, sink => JsonLinesRowWriter.WriteAsync(generator.OpenRelease(3), sink)));
var (baseline, generatedCsv, prebuiltJson, generatedJson) = (measured[0], measured[1], measured[2], measured[3]);

if (baseline.Bytes != generatedCsv.Bytes || prebuiltJson.Bytes != generatedJson.Bytes)
{
    throw new InvalidOperationException("The baseline and the generator wrote different bytes; the comparison would be meaningless.");
}

Console.WriteLine($"## {ReleaseRows:N0}-row release, streamed to a counting stream (median of {Runs} runs)");
Console.WriteLine();
Console.WriteLine("| case | MB | median ms | rows/s | MB/s | time vs baseline | allocated | peak heap growth |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var (measurement, reference) in new[] { (baseline, baseline), (generatedCsv, baseline), (prebuiltJson, prebuiltJson), (generatedJson, prebuiltJson) })
{
    Console.WriteLine(
        $"| {measurement.Case} | {measurement.Bytes / 1e6:F1} | {measurement.Median.TotalMilliseconds:F0} | {measurement.RowsPerSecond:N0} | {measurement.MegabytesPerSecond:F0} | " +
        $"{measurement.Median / reference.Median:F2}x | {Size(measurement.AllocatedBytes)} | {Size(measurement.PeakHeapGrowth)} |");
}

Console.WriteLine();
Console.WriteLine($"The baseline holds its {prebuilt.Count:N0} rows in memory before timing starts; the generator holds none. Goal: generated within 3x of the baseline.");
Console.WriteLine();

// 2. Peak memory against release size: streaming should keep it flat.
Console.WriteLine("## Memory against release size (generated → CSV)");
Console.WriteLine();
Console.WriteLine("| rows | MB written | median ms | rows/s | allocated | allocated per row | peak heap growth |");
Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var rows in new[] { 10_000, 100_000, 1_000_000 })
{
    var sized = new ScenarioGenerator(Read($"template: taxi-fares\nreleases: {{rows: {rows}}}"), 42, cohortStart);
    var measurement = (await Measurement.RunInterleavedAsync(
        rows >= 1_000_000 ? 3 : Runs,
        ($"{rows}", rows, sink => CsvRowWriter.WriteAsync(sized.OpenRelease(3), sink))))[0];
    Console.WriteLine(
        $"| {rows:N0} | {measurement.Bytes / 1e6:F1} | {measurement.Median.TotalMilliseconds:F0} | {measurement.RowsPerSecond:N0} | " +
        $"{Size(measurement.AllocatedBytes)} | {measurement.AllocatedBytes / (double)rows:F1} B | {Size(measurement.PeakHeapGrowth)} |");
}

Console.WriteLine();
Console.WriteLine($"Process peak working set: {Size(Environment.WorkingSet)} now, {Size(System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64)} peak (includes the pre-built baseline rows).");
Console.WriteLine();

// 3. Batch submissions: read, check and score.
await SubmissionBench.RunAsync(Runs, cohortStart);

static Scenario Read(string yaml) =>
    ScenarioSpecReader.Read(yaml) is { IsValid: true } result
        ? result.Scenario
        : throw new InvalidOperationException("The benchmark's spec does not validate.");

static string Size(long bytes) => bytes switch
{
    < 10_000 => $"{bytes} B",
    < 10_000_000 => $"{(bytes / 1e3).ToString("F0", CultureInfo.InvariantCulture)} kB",
    _ => $"{(bytes / 1e6).ToString("F1", CultureInfo.InvariantCulture)} MB",
};
