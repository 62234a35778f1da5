// Grading benchmark (issue 14): what one grade costs with the new criteria (monitoring, lineage, reproducibility and
// rollout, the all-proficient policy, with their evidence) against today's path (the template's rubric, the weighted mean,
// none of that evidence), measured in the same run on taxi-fares, customer-churn and predictive-maintenance at the end of
// the scenario; the four new criteria judged alone; the cohort summary of 10,000 students with either kind of grade pushed;
// and GET /api/v1/grade end to end over loopback HTTP for a student with today's rubric and one with the new criteria.
// BenchmarkDotNet's short job, in this process (it generates and builds no project of its own): figures are ratios to the
// baseline of the same run, not absolute goals. Writes RESULTS.md next to this file, keeping its "Notes kept by hand".
// Run: dotnet run -c Release --project bench/Grading.Bench   (about 5 minutes)
// Arguments go to BenchmarkDotNet (e.g. -- --filter '*GradingBenchmarks*'; a --job needs --inProcess too); with any,
// RESULTS.md is left alone. -- --endpoint [template...] runs only the end-to-end part and prints it.
using System.Runtime.InteropServices;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PPipe.Grading.Bench;

var started = DateTimeOffset.UtcNow;
var loadAtStart = ResultsReport.LoadAverage();
var machine = $"{RuntimeInformation.FrameworkDescription} · {RuntimeInformation.OSDescription} · {Environment.ProcessorCount} cores · GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}";
Console.WriteLine($"Grading benchmark · {machine} · load {loadAtStart}");

// --endpoint [template...]: only GET /api/v1/grade end to end, printed (RESULTS.md left alone).
if (args is ["--endpoint", .. var only])
{
    foreach (var result in await GradeEndpointBenchmark.RunAsync(only.Length > 0 ? only : GradingBenchmarks.Templates))
    {
        Console.WriteLine(result);
    }

    return;
}

// 1. The enrollments graded, once, so the results say what was measured (and that switched off is today's grade).
var enrollments = GradingBenchmarks.Templates.Select(t => (Template: t, Enrollment: BenchEnrollment.AtTheEnd(t))).ToList();
var described = ResultsReport.Describe(enrollments);
var cohortLevels = await ResultsReport.DescribeCohortAsync();
Console.WriteLine(described + cohortLevels);

// 2. The benchmarks: the short job (3 warm-ups, 3 iterations), in process.
var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
var summaries = BenchmarkRunner.Run([typeof(GradingBenchmarks), typeof(CohortSummaryBenchmarks)], config, args);

// 3. The report, for a full run only.
if (args.Length > 0)
{
    Console.WriteLine("Arguments given: RESULTS.md left alone.");
    return;
}

// 4. GET /api/v1/grade end to end, over loopback HTTP to the front end in embedded mode, started only now so its silo does
// not run beside the in-process benchmarks above.
var loadBeforeEndpoint = ResultsReport.LoadAverage();
var endpoint = await GradeEndpointBenchmark.RunAsync(GradingBenchmarks.Templates);
var report = ResultsReport.Write(summaries, described, cohortLevels, endpoint, started, machine, loadAtStart, loadBeforeEndpoint, ResultsReport.LoadAverage());
Console.WriteLine(report);
