// Cluster soak (issue 12): PostgreSQL, the migration, three silos and two front ends as real processes on
// loopback; cohorts on every template; every student polling, simulated students of every archetype, webhooks
// and event streams; a silo, PostgreSQL and a front end failing on schedule; then a check that no acknowledged
// work was lost. Writes RESULTS.md next to this file for the full profile, RESULTS-<profile>.md for the others
// (or --results PATH).
//
//   dotnet run -c Release --project bench/Cluster.Soak -- --profile full   (100,000 students, 12 min of traffic)
//   dotnet run -c Release --project bench/Cluster.Soak -- --profile ci     (10,000 students, 3 min)
using System.Runtime.InteropServices;
using PPipe.Cluster.Soak;
using PPipe.Cluster.Soak.Hosting;
using PPipe.Cluster.Soak.Report;

SoakOptions options;
try
{
    options = SoakArguments.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(SoakArguments.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
// Ctrl+C (SIGINT) or SIGTERM stops the run; it still stops every process it started, deletes PostgreSQL's directory
// and writes what was measured. (A shell may start background jobs with SIGINT ignored: use SIGTERM for those.)
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    cancel.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

var report = await new SoakRun(options, Console.Out).RunAsync(cancel.Token);
var path = options.ResultsPath ?? RepoLayout.Find().DefaultResults(options.Profile);
await File.WriteAllTextAsync(path, ResultsWriter.Write(report));
Console.WriteLine($"Results: {path}");
Console.WriteLine($"Acknowledged work lost: {report.LostWork} ({string.Join("; ", report.Losses.Select(l => $"{l.Kind}: {l.Lost} of {l.Checked}"))})");
return report.Aborted is null && report.Losses.Count > 0 && report.LostWork == 0 ? 0 : 1;
