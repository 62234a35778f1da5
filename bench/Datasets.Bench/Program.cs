// Dataset upload benchmark (issue 16): ingesting a 100 MB CSV — parsed, every column profiled, every row re-encoded
// into chunks — against merely reading the same file with the same CSV library (CsvHelper's parser, every field
// touched), interleaved run by run in this process. The store keeps nothing (it counts), so the figure is the
// ingestion's own cost; PostgreSQL or memory writes come on top in the platform.
// Run: dotnet run -c Release --project bench/Datasets.Bench [-- --megabytes N --runs N]
// With `release` first, it measures releasing from a stored dataset instead (ReleaseBench):
//      dotnet run -c Release --project bench/Datasets.Bench -- release [--rows N --table-rows N --runs N]
// With `release-forecast` first, the same for a forecast over a stored hourly dataset (ForecastReleaseBench):
//      dotnet run -c Release --project bench/Datasets.Bench -- release-forecast [--series N --steps N --rows N --runs N]
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using PPipe.Datasets.Bench;
using PPipe.Grains.Client.Datasets;

if (args is ["release", ..])
{
    Console.WriteLine($"Dataset release benchmark · {RuntimeInformation.FrameworkDescription} · {RuntimeInformation.OSDescription} · {Environment.ProcessorCount} cores");
    Console.WriteLine();
    await ReleaseBench.RunAsync(Option("--rows", 100_000), Option("--table-rows", 125_000), Option("--runs", 11));
    return;
}

if (args is ["release-forecast", ..])
{
    Console.WriteLine($"Dataset forecast release benchmark · {RuntimeInformation.FrameworkDescription} · {RuntimeInformation.OSDescription} · {Environment.ProcessorCount} cores");
    Console.WriteLine();
    await ForecastReleaseBench.RunAsync(Option("--series", 100), Option("--steps", 2_100), Option("--rows", 100_000), Option("--runs", 11));
    return;
}

var megabytes = Option("--megabytes", 100);
var runs = Option("--runs", 5);
Console.WriteLine($"Dataset upload benchmark · {RuntimeInformation.FrameworkDescription} · {RuntimeInformation.OSDescription} · {Environment.ProcessorCount} cores");

var path = Path.Combine(Path.GetTempPath(), $"ppipe-datasets-bench-{Environment.ProcessId}.csv");
try
{
    var rows = Write(path, megabytes * 1_000_000L);
    var bytes = new FileInfo(path).Length;
    Console.WriteLine($"File: {bytes / 1e6:F0} MB, {rows:N0} rows, 8 columns (integer id, timestamp, category, boolean, 3 numbers, text).");
    Console.WriteLine();

    var store = new CountingStore();
    var ingest = new DatasetIngest(store);
    var baseline = new List<Run>();
    var ingested = new List<Run>();
    long fields = 0;
    for (var i = 0; i < runs; i++)
    {
        baseline.Add(await TimeAsync(async () => fields = await ReadOnlyAsync(path)));
        ingested.Add(await TimeAsync(async () =>
        {
            await using var file = File.OpenRead(path);
            var result = await ingest.IngestAsync("bench", DatasetFormat.Csv, file, long.MaxValue, CancellationToken.None);
            if (result.Problem is not null || result.Profile!.Rows != rows)
            {
                throw new InvalidOperationException($"The ingestion refused the file: {result.Problem?.Message}");
            }
        }));
    }

    if (fields != rows * 8 || store.Rows != rows)
    {
        throw new InvalidOperationException("The baseline and the ingestion did not see the same rows; the comparison would be meaningless.");
    }

    var (read, up) = (Median(baseline), Median(ingested));
    Console.WriteLine($"## {bytes / 1e6:F0} MB CSV (median of {runs} interleaved runs)");
    Console.WriteLine();
    Console.WriteLine("| case | median ms | MB/s | rows/s | time vs baseline | allocated per run |");
    Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
    foreach (var (name, run) in new[] { ("baseline: CsvHelper reads every field", read), ("upload: parse, profile, re-encode in chunks", up) })
    {
        Console.WriteLine($"| {name} | {run.Elapsed.TotalMilliseconds:F0} | {bytes / 1e6 / run.Elapsed.TotalSeconds:F0} | " +
            $"{rows / run.Elapsed.TotalSeconds:N0} | {run.Elapsed / read.Elapsed:F2}x | {run.Allocated / 1e6:F0} MB |");
    }

    Console.WriteLine();
    Console.WriteLine($"Chunks written per run: {store.Bytes / 1e6:F0} MB. Process peak working set: {Environment.WorkingSet / 1e6:F0} MB " +
        $"(peak {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB).");
    Console.WriteLine($"Goal: upload within 3x of the baseline. Measured {up.Elapsed / read.Elapsed:F2}x: {(up.Elapsed / read.Elapsed <= 3 ? "met" : "NOT met")}.");
}
finally
{
    File.Delete(path);
}

int Option(string name, int fallback) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

static async Task<long> ReadOnlyAsync(string path)
{
    using var reader = new StreamReader(path, new UTF8Encoding(false, true), false, 64 * 1024);
    using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
    await parser.ReadAsync();
    long fields = 0;
    long length = 0;
    while (await parser.ReadAsync())
    {
        foreach (var field in parser.Record!)
        {
            length += field.Length;
            fields++;
        }
    }

    return length > 0 ? fields : 0;
}

static async Task<Run> TimeAsync(Func<Task> action)
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var watch = Stopwatch.StartNew();
    await action();
    watch.Stop();
    return new Run(watch.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated);
}

static Run Median(List<Run> runs) => runs.OrderBy(r => r.Elapsed).ElementAt(runs.Count / 2);

static long Write(string path, long targetBytes)
{
    var random = new Random(16);
    string[] regions = ["north", "south", "east", "west", "centre", "coast"];
    var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
    writer.Write("id,at,region,holiday,temperature,demand,price,note\n");
    long rows = 0;
    while (writer.BaseStream.Length < targetBytes)
    {
        rows++;
        writer.Write(string.Create(CultureInfo.InvariantCulture,
            $"{rows},{start.AddMinutes(rows):yyyy-MM-ddTHH:mm:ssZ},{regions[random.Next(regions.Length)]},{(random.Next(7) == 0 ? "true" : "false")}," +
            $"{random.NextDouble() * 40 - 5:F2},{random.Next(0, 5000)},{random.NextDouble() * 100:F3},\"order {random.Next(1_000_000)}, as usual\"\n"));
    }

    return rows;
}

internal readonly record struct Run(TimeSpan Elapsed, long Allocated);
