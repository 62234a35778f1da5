using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace PPipe.Api.Bench;

public enum LoadCase
{
    Baseline,
    Releases,
    ReleasesNotModified,
}

/// <summary>
/// One wrk run of one case in one round, with where the CPU went meanwhile (during baseline runs the
/// front end's share is its background work alone).
/// </summary>
public sealed record LoadRun(LoadCase Case, int Round, Wrk.Result Result, CpuSampler.Usage Cpu, string? Note)
{
    /// <summary>Other work above this share of the machine makes a run suspect; the report marks it.</summary>
    public const double DisturbedAboveCores = 0.25;

    public bool Disturbed => Cpu.OtherCores > DisturbedAboveCores;
}

/// <summary>Memory of the front end process (VmRSS, KiB) at the points the benchmark settles it.</summary>
/// <remarks>
/// <see cref="MoreActiveKiB"/> is read after <see cref="MoreStudents"/> more students (in a cohort of their own) are
/// enrolled and touched: the growth from <see cref="ActiveKiB"/> is what each further active enrollment costs, without
/// the one-time costs the first ones pay (compiled code, pools and the GC's allocation budget).
/// </remarks>
public sealed record MemoryFigures(long IdleKiB, long EnrolledKiB, long ActiveKiB, int MoreStudents, long MoreActiveKiB, long AfterLoadKiB, bool Collected);

/// <summary>Everything one run measured, and its markdown rendering.</summary>
public sealed record BenchReport(
    BenchOptions Options,
    DateTimeOffset StartedAt,
    DateTime FrontendBuiltAt,
    int ResponseBytes,
    int ReleasesListed,
    int WarmUpStudents,
    TimeSpan EnrollTime,
    int RosterBytes,
    TimeSpan TouchTime,
    MemoryFigures Memory,
    IReadOnlyList<LoadRun> Runs)
{
    /// <summary>
    /// Requests a second against the baseline's, per case: the cluster-scale goals (issue 12), which raised the first
    /// ones (60 % for both).
    /// </summary>
    public static double RequestShareGoal(LoadCase loadCase) => loadCase == LoadCase.ReleasesNotModified ? 0.85 : 0.75;

    /// <summary>The heading of the section a run keeps as it was: everything above it is rewritten.</summary>
    public const string HandNotes = "## Notes kept by hand";

    public const double EnrollSecondsGoal = 5;
    public const double KiBPerEnrollmentGoal = 10;
    public static readonly TimeSpan P99Goal = TimeSpan.FromMilliseconds(50);

    public double KiBPerActiveEnrollment => (Memory.ActiveKiB - Memory.IdleKiB) / (double)Options.Students;

    public double KiBPerEnrollmentAfterEnrolling => (Memory.EnrolledKiB - Memory.IdleKiB) / (double)Options.Students;

    /// <summary>What each further active enrollment adds: the growth over the last <see cref="MemoryFigures.MoreStudents"/>.</summary>
    public double KiBPerFurtherActiveEnrollment => (Memory.MoreActiveKiB - Memory.ActiveKiB) / (double)Memory.MoreStudents;

    public sealed record CaseSummary(LoadCase Case, double RequestsPerSecond, TimeSpan P50, TimeSpan P99, double FrontendCores, long NotOk, long SocketErrors);

    /// <summary>Medians over the rounds; error counts are totals.</summary>
    public CaseSummary Summary(LoadCase loadCase)
    {
        var runs = Runs.Where(r => r.Case == loadCase).ToList();
        return new CaseSummary(
            loadCase,
            Median(runs.Select(r => r.Result.RequestsPerSecond)),
            TimeSpan.FromTicks((long)Median(runs.Select(r => (double)r.Result.P50.Ticks))),
            TimeSpan.FromTicks((long)Median(runs.Select(r => (double)r.Result.P99.Ticks))),
            Median(runs.Select(r => r.Cpu.FrontendCores)),
            runs.Sum(r => r.Result.NotOk),
            runs.Sum(r => r.Result.SocketErrors));
    }

    public string ToMarkdown()
    {
        var baseline = Summary(LoadCase.Baseline);
        var releases = Summary(LoadCase.Releases);
        var notModified = Summary(LoadCase.ReleasesNotModified);
        var text = new StringBuilder();
        text.AppendLine("# API benchmark results");
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{StartedAt:yyyy-MM-dd HH:mm} UTC · {RuntimeInformation.FrameworkDescription} · {RuntimeInformation.OSDescription} · " +
            $"{Environment.ProcessorCount} cores (shared by wrk, the front end and the baseline) · front end built {FrontendBuiltAt:yyyy-MM-dd HH:mm} UTC"));
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"{Options.Students:N0} students enrolled in one embedded front end (taxi-fares at speed 1440, started ten scenario days earlier: {ReleasesListed} releases listed at the start). " +
            $"wrk -c {Options.Connections} -t {Options.Threads} -d {Options.Duration.TotalSeconds:0}s --latency, " +
            $"each request with the next of the {Options.Students:N0} student tokens; {Options.Rounds} interleaved rounds after a " +
            $"{Options.WarmUp.TotalSeconds:0} s warm-up per case; medians over the rounds. Response body {ResponseBytes:N0} bytes."));
        text.AppendLine();
        text.AppendLine("| case | requests/s | vs baseline | p50 | p99 | p99 vs baseline | front end CPU | non-2xx/3xx | socket errors |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var (summary, name) in new[]
                 {
                     (baseline, $"baseline: plain Kestrel, constant {ResponseBytes:N0}-byte JSON"),
                     (releases, "GET /api/v1/releases → 200"),
                     (notModified, "GET /api/v1/releases + If-None-Match → 304"),
                 })
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {summary.RequestsPerSecond:N0} | {Percent(summary.RequestsPerSecond / baseline.RequestsPerSecond)} | " +
                $"{Ms(summary.P50)} | {Ms(summary.P99)} | {summary.P99 / baseline.P99:F1}x | {summary.FrontendCores:F2} cores | " +
                $"{summary.NotOk:N0} | {summary.SocketErrors:N0} |"));
        }

        text.AppendLine();
        text.AppendLine("| goal | measured | target | met |");
        text.AppendLine("| --- | ---: | ---: | :---: |");
        Goal(text, $"enroll {Options.Students:N0} students (one JSON request, {RosterBytes / 1024.0 / 1024:F1} MiB, after a {WarmUpStudents}-student warm-up roster)",
            $"{EnrollTime.TotalSeconds:F2} s", $"< {EnrollSecondsGoal:0} s", EnrollTime.TotalSeconds < EnrollSecondsGoal);
        Goal(text, $"working set per active enrollment: growth from {Options.Students:N0} to {Options.Students + Memory.MoreStudents:N0} active students",
            $"{KiBPerFurtherActiveEnrollment:F1} KiB", $"< {KiBPerEnrollmentGoal:0} KiB", KiBPerFurtherActiveEnrollment < KiBPerEnrollmentGoal);
        Goal(text, $"working set per active enrollment: average over the first {Options.Students:N0}, one-time costs included",
            $"{KiBPerActiveEnrollment:F1} KiB", $"< {KiBPerEnrollmentGoal:0} KiB", KiBPerActiveEnrollment < KiBPerEnrollmentGoal);
        foreach (var summary in new[] { releases, notModified })
        {
            var label = summary.Case == LoadCase.Releases ? "200" : "304";
            var goal = RequestShareGoal(summary.Case);
            Goal(text, $"releases {label}: requests/s vs baseline", Percent(summary.RequestsPerSecond / baseline.RequestsPerSecond),
                $"≥ {Percent(goal)}", summary.RequestsPerSecond >= goal * baseline.RequestsPerSecond);
            Goal(text, $"releases {label}: p99 at {Options.Connections} connections", Ms(summary.P99), $"< {P99Goal.TotalMilliseconds:0} ms",
                summary.P99 < P99Goal);
        }

        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Front end working set (VmRSS{(Memory.Collected ? ", after a forced full GC" : "; a forced GC was not possible")}, settled): " +
            $"{Mib(Memory.IdleKiB)} with the cohort and no students, {Mib(Memory.EnrolledKiB)} after enrolling " +
            $"({KiBPerEnrollmentAfterEnrolling:F1} KiB per enrollment), {Mib(Memory.ActiveKiB)} after GET /api/v1/me with every token " +
            $"({KiBPerActiveEnrollment:F1} KiB per active enrollment; touching all took {TouchTime.TotalSeconds:F1} s), " +
            $"{Mib(Memory.MoreActiveKiB)} after enrolling and touching {Memory.MoreStudents:N0} more ({KiBPerFurtherActiveEnrollment:F1} KiB each), " +
            $"{Mib(Memory.AfterLoadKiB)} after the load runs. The front end runs with its shipped GC settings: workstation GC, " +
            $"DOTNET_GCgen0size=0x2000000."));
        var disturbed = Runs.Count(r => r.Disturbed);
        text.AppendLine();
        var verdict = disturbed > 0 ? " (marked below): the machine was not quiet, so treat the ratios with care and run again." : ".";
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"CPU outside the front end, this process and wrk (other processes, hypervisor steal): at most {Runs.Max(r => r.Cpu.OtherCores):F2} cores " +
            $"in any run; {disturbed} of {Runs.Count} runs above {LoadRun.DisturbedAboveCores:F2} cores{verdict}"));
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Each round against its own baseline: 200 from {RoundShares(LoadCase.Releases)}, 304 from {RoundShares(LoadCase.ReleasesNotModified)} " +
            $"(the medians above are of requests a second, not of these ratios)."));
        text.AppendLine();
        text.AppendLine("<details><summary>every run</summary>");
        text.AppendLine();
        text.AppendLine("| round | case | requests/s | vs the round's baseline | p50 | p99 | requests | front end CPU | bench + wrk CPU | other CPU | non-2xx/3xx | note |");
        text.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var run in Runs)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {run.Round} | {run.Case} | {run.Result.RequestsPerSecond:N0} | {Percent(RoundShare(run))} | {Ms(run.Result.P50)} | {Ms(run.Result.P99)} | " +
                $"{run.Result.Requests:N0} | {run.Cpu.FrontendCores:F2} | {run.Cpu.BenchAndWrkCores:F2} | {run.Cpu.OtherCores:F2} | {run.Result.NotOk:N0} | " +
                $"{string.Join("; ", new[] { run.Disturbed ? "**disturbed by other work**" : null, run.Note }.OfType<string>())} |"));
        }

        text.AppendLine();
        text.AppendLine("</details>");
        return text.ToString();
    }

    /// <summary><paramref name="markdown"/> followed by the hand-kept section of the file at <paramref name="path"/>, or a new one.</summary>
    public static string WithHandNotes(string markdown, string path)
    {
        var old = File.Exists(path) ? File.ReadAllText(path) : "";
        var at = old.IndexOf(HandNotes, StringComparison.Ordinal);
        return markdown + "\n" + (at >= 0 ? old[at..] : $"{HandNotes}\n\nNot written by the bench: a run rewrites everything above this heading and keeps this section.\n");
    }

    /// <summary>A run's requests a second over those of the baseline in the same round.</summary>
    private double RoundShare(LoadRun run) =>
        run.Result.RequestsPerSecond / Runs.Single(r => r.Round == run.Round && r.Case == LoadCase.Baseline).Result.RequestsPerSecond;

    private string RoundShares(LoadCase loadCase)
    {
        var shares = Runs.Where(r => r.Case == loadCase).Select(RoundShare).ToList();
        return $"{Percent(shares.Min())} to {Percent(shares.Max())}";
    }

    private static void Goal(StringBuilder text, string goal, string measured, string target, bool met) =>
        text.AppendLine($"| {goal} | {measured} | {target} | {(met ? "yes" : "**no**")} |");

    private static string Ms(TimeSpan latency) => string.Create(CultureInfo.InvariantCulture, $"{latency.TotalMilliseconds:F2} ms");

    private static string Percent(double share) => string.Create(CultureInfo.InvariantCulture, $"{share * 100:F0}%");

    private static string Mib(long kib) => string.Create(CultureInfo.InvariantCulture, $"{kib / 1024.0:F0} MiB");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
