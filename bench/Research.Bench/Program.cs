// Research export benchmark (issue 15): the export of a 10,000-student cohort, read from the grains and written as it is read,
// against writing the same rows, built beforehand and held in memory, with the same writers into a zip of the same shape; and
// the managed heap the export holds at its peak for 1,000 and for 10,000 students (flat memory: the same at both sizes).
// An embedded silo in this process (memory storage); the download goes to a sink that counts bytes. Each figure is the median
// of three runs after a warm-up; the ratio is to the baseline of the same run. Writes RESULTS.md next to this file.
//
//   dotnet run -c Release --project bench/Research.Bench [-- --students 10000]   (about two minutes)
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PPipe.Grains.Client.Research;
using PPipe.Grains.Client.Roster;
using PPipe.Grains.Client.Surveys;
using PPipe.Hosting;
using PPipe.Research.Bench;

const int Repeats = 3;
var large = args.SkipWhile(a => a != "--students").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(10_000);
var small = Math.Max(1, large / 10);
var machine = $"{RuntimeInformation.FrameworkDescription} · {RuntimeInformation.OSDescription} · {Environment.ProcessorCount} cores";
Console.WriteLine($"Research export benchmark · {machine}");

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
builder.Configuration["Cluster:SiloPort"] = "0";
builder.Configuration["Cluster:GatewayPort"] = "0";
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddPPipeSilo();
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SurveyInstrumentCatalog>();
builder.Services.AddSingleton<RosterEnrollment>();
builder.Services.AddSingleton<ResearchExport>();
using var host = builder.Build();
await host.StartAsync();
var grains = host.Services.GetRequiredService<IGrainFactory>();
var export = host.Services.GetRequiredService<ResearchExport>();
var roster = host.Services.GetRequiredService<RosterEnrollment>();

var results = new List<Result>();
foreach (var students in (int[])[small, large])
{
    var seeding = Stopwatch.StartNew();
    var cohort = await BenchCohort.CreateAsync(grains, roster, students);
    Console.WriteLine($"{students} students seeded in {seeding.Elapsed.TotalSeconds:0.0} s");
    var pseudonyms = await export.PseudonymsAsync(cohort.Id, null);

    // Warm-up, and the rows of the baseline: the CSV export read back into typed rows.
    var captured = new MemoryStream();
    await export.WriteAsync(cohort, pseudonyms, ResearchFormat.Csv, captured);
    var prebuilt = await PrebuiltRows.FromCsvExportAsync(captured.ToArray());
    captured = null;

    foreach (var format in (ResearchFormat[])[ResearchFormat.Csv, ResearchFormat.Parquet])
    {
        await export.WriteAsync(cohort, pseudonyms, format, new CountingStream());
        await prebuilt.WriteAsync(format, new CountingStream());
        var runs = new List<(double Export, double Baseline, long Heap, long Bytes)>();
        for (var i = 0; i < Repeats; i++)
        {
            var sink = new CountingStream();
            double exportSeconds;
            long heap;
            await using (var peak = HeapPeak.Start())
            {
                var watch = Stopwatch.StartNew();
                await export.WriteAsync(cohort, pseudonyms, format, sink);
                exportSeconds = watch.Elapsed.TotalSeconds;
                heap = peak.Above;
            }

            var baseline = Stopwatch.StartNew();
            await prebuilt.WriteAsync(format, new CountingStream());
            runs.Add((exportSeconds, baseline.Elapsed.TotalSeconds, heap, sink.Written));
        }

        var result = new Result(students, format, prebuilt.Rows, Median(runs.Select(r => r.Export)), Median(runs.Select(r => r.Baseline)),
            runs.Max(r => r.Heap), runs[0].Bytes);
        results.Add(result);
        Console.WriteLine(result);
    }
}

await host.StopAsync();
var report = Report(results, machine);
Console.WriteLine(report);
await File.WriteAllTextAsync(Path.Combine(RepositoryRoot(), "bench", "Research.Bench", "RESULTS.md"), report);

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static string Report(List<Result> results, string machine)
{
    var text = new StringBuilder();
    text.AppendLine("# Research export benchmark");
    text.AppendLine();
    text.AppendLine($"Run {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC · {machine} · `dotnet run -c Release --project bench/Research.Bench`.");
    text.AppendLine();
    text.AppendLine("The export reads the cohort from its grains (64 roster pages, 128 survey shards, every consenting student's enrollment,");
    text.AppendLine("32 at a time) and writes as it reads; the baseline writes the same rows, already in memory, with the same writers into a");
    text.AppendLine("zip of the same shape. Nine students in ten consent; each answered the 24 items of the built-in pre-survey. Medians of");
    text.AppendLine("three runs after a warm-up. Heap peak: the highest managed heap during the export above the heap before it.");
    text.AppendLine();
    text.AppendLine("| students | format | rows | export | baseline | ratio (goal ≤ 3×) | export heap peak | zip size |");
    text.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    foreach (var r in results)
    {
        text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Students:N0} | {r.Format.ToString().ToLowerInvariant()} | {r.Rows:N0} | {r.ExportSeconds:0.00} s | {r.BaselineSeconds:0.00} s | {r.Ratio:0.00}× | {r.HeapPeak / 1048576.0:0.0} MiB | {r.Bytes / 1048576.0:0.0} MiB |");
    }

    text.AppendLine();
    foreach (var format in results.Select(r => r.Format).Distinct())
    {
        var sizes = results.Where(r => r.Format == format).OrderBy(r => r.Students).ToList();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- {format.ToString().ToLowerInvariant()}: heap peak at {sizes[^1].Students:N0} students is {(double)sizes[^1].HeapPeak / Math.Max(1, sizes[0].HeapPeak):0.00}× the peak at {sizes[0].Students:N0} for {(double)sizes[^1].Rows / Math.Max(1, sizes[0].Rows):0.0}× the rows; export ratio at {sizes[^1].Students:N0}: {sizes[^1].Ratio:0.00}×.");
    }

    return text.ToString();
}

static string RepositoryRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "PPipe.sln")))
    {
        dir = dir.Parent;
    }

    return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository.");
}

internal sealed record Result(int Students, ResearchFormat Format, int Rows, double ExportSeconds, double BaselineSeconds, long HeapPeak, long Bytes)
{
    public double Ratio => ExportSeconds / BaselineSeconds;

    public override string ToString() =>
        $"{Students} students, {Format}: export {ExportSeconds:0.00} s, baseline {BaselineSeconds:0.00} s ({Ratio:0.00}×), heap peak {HeapPeak / 1048576.0:0.0} MiB, {Bytes / 1048576.0:0.0} MiB";
}
