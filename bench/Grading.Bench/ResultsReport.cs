using System.Globalization;
using System.Text;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Grading.Bench;

/// <summary>Writes RESULTS.md from a run's summaries, keeping the file's "Notes kept by hand" section as it was.</summary>
internal static class ResultsReport
{
    /// <summary>Issue 14's goal: a grade with the new criteria within 20 % of today's cost.</summary>
    public const double Goal = 1.20;

    /// <summary>How far two cases doing the same work may differ in time before a run is too noisy to judge the goal by.</summary>
    public const double NoiseTolerance = 0.10;

    private const string HandNotes = "## Notes kept by hand";

    private const int RosterPagesCount = PPipe.Grains.Interfaces.Roster.RosterPages.Count;

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    /// <summary>What each template's enrollment holds and how each input grades it.</summary>
    public static string Describe(IEnumerable<(string Template, BenchEnrollment Enrollment)> enrollments)
    {
        var text = new StringBuilder();
        foreach (var (template, e) in enrollments)
        {
            var input = e.Baseline;
            var probes = input.Probes;
            var today = Grader.Grade(e.Baseline);
            var assessed = Grader.Grade(e.NewCriteria);
            var mean = Grader.Grade(e.NewCriteriaWeightedMean);
            var off = Grader.Grade(e.SwitchedOff);
            var same = today.OverallScore == off.OverallScore && today.OverallLevel == off.OverallLevel
                && today.Criteria.Select(c => (c.Name, c.Score)).SequenceEqual(off.Criteria.Select(c => (c.Name, c.Score)));
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- **{template}** ({e.Template.Duration.TotalDays:0} days, graded at its end): {input.Fetches.Count} of {input.Schedule.Releases.Count} releases fetched, " +
                $"{input.Batches.Count(b => b.Scored)} of {input.Schedule.Batches.Count} batches submitted and scored, {e.ProbeResults:N0} probe results " +
                $"({probes.Buckets.Sum(b => b.Attempts - b.Successes):N0} failed) in {probes.Buckets.Count} ledger buckets. Incident ledger: {e.Incidents.Filed} reports filed, " +
                $"{e.Incidents.Matching} matching {e.Incidents.Matches.Count} of the {PPipe.Grains.Incidents.InjectedIncidents.Of(e.Assessed).Count} injected events, {e.Incidents.FalseAlarms} false alarms, " +
                $"{e.Incidents.Outages.Count} endpoint outages kept, {e.Incidents.Outages.Count(o => o.Postmortem is not null)} with a postmortem. Lineage: {e.Lineage.Seen} versions " +
                $"named by {e.Lineage.Versions.Sum(v => v.Answers):N0} answers and {e.Lineage.Versions.Sum(v => v.Submissions)} submissions, {e.Lineage.Flagged} flagged. " +
                $"Reproducibility: {e.Reproducibility.Checks} checks ({e.Reproducibility.ProbeChecks} probe replays, {e.Reproducibility.BatchChecks} resubmissions), {e.Reproducibility.Matches} matched. " +
                $"Deploys: {e.Rollouts.Count}, {e.Rollouts.Deploys.Sum(d => d.Failed)} failed probes in their windows.");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  Grades: today {Overall(today)}; new criteria on, all-proficient {Overall(assessed)} (monitoring {Score(assessed, "monitoring")}, " +
                $"lineage {Score(assessed, "lineage")}, reproducibility {Score(assessed, "reproducibility")}, rollout {Score(assessed, "rollout")}); weighted mean {Overall(mean)}; weighed 0 {Overall(off)}, {(same ? "the same grade as today's" : "**not** today's grade")}.");
        }

        return text.ToString();
    }

    /// <summary>The levels the cohort summary counts in each case, and how many students it ranks.</summary>
    public static async Task<string> DescribeCohortAsync()
    {
        var cohort = new CohortSummaryBenchmarks();
        cohort.Setup();
        var text = new StringBuilder();
        foreach (var (label, summary) in new[]
        {
            ("today's grades", await cohort.Today()),
            ("new criteria, all-proficient", await cohort.NewCriteria()),
            ("new criteria, weighted mean", await cohort.NewCriteriaWeightedMean()),
        })
        {
            var levels = string.Join(", ", summary.Levels!.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Key} {l.Value:N0}")));
            var ranked = summary.Levels!.Where(l => l.Key is not ("NotYetProficient" or "Ungraded")).Sum(l => l.Value);
            text.AppendLine(CultureInfo.InvariantCulture, $"- {label}: {levels} ({ranked:N0} students at Proficient or above, who may be ranked)");
        }

        return text.ToString();
    }

    /// <summary>Writes RESULTS.md and returns what it wrote.</summary>
    public static string Write(Summary[] summaries, string described, string cohortLevels, IReadOnlyList<GradeEndpointResult> endpoint,
        DateTimeOffset started, string machine, string loadAtStart, string loadBeforeEndpoint, string loadAtEnd)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(summaries);
        var grading = summaries.Single(s => s.BenchmarksCases.Any(c => c.Descriptor.Type == typeof(GradingBenchmarks)));
        var cohort = summaries.Single(s => s.BenchmarksCases.Any(c => c.Descriptor.Type == typeof(CohortSummaryBenchmarks)));
        var report = new StringBuilder();
        report.AppendLine("# Grading benchmark results");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"{started:yyyy-MM-dd HH:mm} UTC · {machine} · Release · BenchmarkDotNet {grading.HostEnvironmentInfo.BenchmarkDotNetVersion}, " +
            $"**short job** (`Job.ShortRun`: 1 launch, 3 warm-up and 3 measured iterations) **in process** (`InProcessEmitToolchain`) · " +
            $"1-minute load average {loadAtStart} at the start, {loadBeforeEndpoint} before the endpoint part, {loadAtEnd} at the end (the cores are shared with other builds and tests)");
        report.AppendLine();
        report.AppendLine("Every figure that matters here is a ratio to the baseline measured in the same run, on the same busy machine; the " +
            "absolute times say little, and a short job's error margins are wide (see the table's Error column).");
        report.AppendLine();
        report.AppendLine("## One grade");
        report.AppendLine();
        report.AppendLine("`Grader.Grade(GradingInput)`, the pure function behind `GET /api/v1/grade`, every progress report an enrollment pushes, " +
            "the drill-down and every grades CSV row, for one realistic student at the end of the scenario:");
        report.AppendLine();
        report.AppendLine("- **today** (baseline): the template's own rubric, the weighted mean, no incident ledger, lineage, reproducibility record or deploys — what every grade cost before issue 14;");
        report.AppendLine(CultureInfo.InvariantCulture,
            $"- **new criteria on**: the template read from a spec that adds `monitoring`, `lineage`, `reproducibility` and `rollout` at {BenchEnrollment.NewCriterionWeight:0.00} each to its weights, " +
            $"under the `all-proficient` policy, with an incident ledger ({BenchEnrollment.ReportsFiled} reports, outages with postmortems), a lineage of {BenchEnrollment.ModelVersions} model versions, " +
            $"the deploys between them (each answer naming its version) and a reproducibility record of replays and resubmissions;");
        report.AppendLine("- the same under the weighted mean (what the policy costs), and in a cohort that weighs the four new criteria 0 (should cost what today does);");
        report.AppendLine("- each new criterion's `Judge` alone, on a fresh `GradingContext` (so each also pays for the context a full grade builds once for every criterion), and that context with its judged batches alone.");
        report.AppendLine();
        report.AppendLine("| template | today | new criteria on | ratio (time) | allocated today | allocated new | ratio (allocated) | within 20 % | noise: weighed 0 ÷ today |");
        report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: |");
        var met = true;
        var noisy = false;
        var worst = 0.0;
        foreach (var template in GradingBenchmarks.Templates)
        {
            var today = Find(grading, nameof(GradingBenchmarks.Today), template);
            var assessed = Find(grading, nameof(GradingBenchmarks.NewCriteria), template);
            var ratio = Mean(assessed) / Mean(today);
            // Weighed 0 does exactly today's work (the same allocations): how far its time is from today's is this run's noise.
            var noise = Mean(Find(grading, nameof(GradingBenchmarks.SwitchedOff), template)) / Mean(today);
            met &= ratio <= Goal;
            worst = Math.Max(worst, ratio);
            noisy |= Math.Abs(noise - 1) > NoiseTolerance;
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {template} | {Time(today)} | {Time(assessed)} | {ratio:0.00} | {Bytes(today)} | {Bytes(assessed)} | {(double)Allocated(assessed) / Allocated(today):0.00} | {(ratio <= Goal ? "yes" : "**no**")} | {noise:0.00} |");
        }

        report.AppendLine();
        report.AppendLine(noisy
            ? $"**Too noisy to decide in this run**: on at least one template the same work as today's (the new criteria weighed 0) took more than {NoiseTolerance:P0} more or less time than today's, so the machine's load moved between cases; the allocation ratios hold whatever the load. What each part costs, as a share of today's grade:"
            : met
                ? "**Goal met**: on every template a grade with the new criteria costs at most 1.20 times today's. What each part costs, as a share of today's grade:"
                : "**Goal not met**: on at least one template a grade with the new criteria costs more than 1.20 times today's. What each part costs, as a share of today's grade:");
        report.AppendLine();
        report.AppendLine("| template | context and judged batches alone | monitoring alone | lineage alone | reproducibility alone | rollout alone | new criteria, weighted mean | new criteria weighed 0 |");
        report.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var template in GradingBenchmarks.Templates)
        {
            var today = Mean(Find(grading, nameof(GradingBenchmarks.Today), template));
            string Share(string method) => string.Create(CultureInfo.InvariantCulture,
                $"{Time(Find(grading, method, template))} ({Mean(Find(grading, method, template)) / today:0.00})");
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {template} | {Share(nameof(GradingBenchmarks.Context))} | {Share(nameof(GradingBenchmarks.Monitoring))} | {Share(nameof(GradingBenchmarks.Lineage))} | " +
                $"{Share(nameof(GradingBenchmarks.Reproducibility))} | {Share(nameof(GradingBenchmarks.Rollout))} | " +
                $"{Share(nameof(GradingBenchmarks.NewCriteriaWeightedMean))} | {Share(nameof(GradingBenchmarks.SwitchedOff))} |");
        }

        report.AppendLine();
        report.AppendLine("What was graded (the evidence is the grader's tests' `SyntheticStudent`, the ledgers and lineage recorded as the enrollment records them):");
        report.AppendLine();
        report.Append(described);
        report.AppendLine();
        report.AppendLine("<details><summary>BenchmarkDotNet's table</summary>");
        report.AppendLine();
        report.AppendLine(Table(grading));
        report.AppendLine("</details>");
        report.AppendLine();
        AppendEndpoint(report, endpoint, met, worst);
        report.AppendLine(CultureInfo.InvariantCulture, $"## Cohort summary of {CohortSummaryBenchmarks.Students:N0} students");
        report.AppendLine();
        var todaySummary = Find(cohort, nameof(CohortSummaryBenchmarks.Today), null);
        report.AppendLine("`GET /api/v1/admin/cohorts/{id}/summary` grades nobody: `CohortSummaries.SummarizeAsync` asks the cohort's 64 roster pages, " +
            "each `RosterPageGrain.SummarizeAsync` counts the `StudentProgress` its students pushed (releases fetched, overall score and level, " +
            "endpoint up, batch counts) and offers its best 100 at Proficient or above, and the pages' counts and lists are added up. The grade " +
            "is computed on the enrollment's side, when it pushes progress (`EnrollmentGrain.ReportAsync`, at each fetch, submission, scored " +
            "batch, and after probes at most every 5 s), so the new criteria change the cost of a push (one grade, above), not the cost of a " +
            "summary: the record has the same fields, the level is one of the same five words. The policy can change how many students are " +
            "ranked, and ranking is most of a page's work.");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture,
            $"Measured in process: the 64 `RosterPageGrain`s answering from memory (no grain calls, no HTTP: those are the same {RosterPagesCount} " +
            $"calls with answers of the same size in every case), a new `CohortSummaries` per summary so its one-second cache never answers. " +
            $"Students are four kinds in turn on taxi-fares (the realistic one above, one who never retrains, one who submits every batch late, " +
            $"one without an endpoint), each graded by the case's rubric and policy:");
        report.AppendLine();
        report.Append(cohortLevels);
        report.AppendLine();
        report.AppendLine("| progress pushed | time | allocated | ratio (time) | ratio (allocated) |");
        report.AppendLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var (label, method) in new[]
        {
            ("today's grades (baseline)", nameof(CohortSummaryBenchmarks.Today)),
            ("grades with the new criteria, all-proficient", nameof(CohortSummaryBenchmarks.NewCriteria)),
            ("grades with the new criteria, weighted mean", nameof(CohortSummaryBenchmarks.NewCriteriaWeightedMean)),
        })
        {
            var run = Find(cohort, method, null);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {label} | {Time(run)} | {Bytes(run)} | {Mean(run) / Mean(todaySummary):0.00} | {(double)Allocated(run) / Allocated(todaySummary):0.00} |");
        }

        report.AppendLine();
        report.AppendLine("<details><summary>BenchmarkDotNet's table</summary>");
        report.AppendLine();
        report.AppendLine(Table(cohort));
        report.AppendLine("</details>");
        report.AppendLine();
        report.AppendLine("Run: `dotnet run -c Release --project bench/Grading.Bench` (about 5 minutes).");
        report.AppendLine();

        var path = Path.Combine(RepositoryRoot(), "bench", "Grading.Bench", "RESULTS.md");
        var kept = File.Exists(path) && File.ReadAllText(path) is var old && old.IndexOf(HandNotes, StringComparison.Ordinal) is var at and >= 0
            ? old[at..]
            : $"{HandNotes}\n\nNot written by the bench: a run rewrites everything above this heading and keeps this section.\n";
        report.Append(kept);
        File.WriteAllText(path, report.ToString());
        return report.ToString();
    }

    /// <summary>The end-to-end section: <c>GET /api/v1/grade</c> over loopback HTTP, and what it says beside the pure grade's figure.</summary>
    private static void AppendEndpoint(StringBuilder report, IReadOnlyList<GradeEndpointResult> endpoint, bool pureMet, double pureWorst)
    {
        report.AppendLine("## `GET /api/v1/grade` end to end");
        report.AppendLine();
        report.AppendLine("What a student's program pays for its grade: the front end in embedded mode (its silo in this process, state in memory) " +
            "on loopback Kestrel, started as the API tests start it; one `HttpClient` per student, one request at a time, each body read. A request " +
            "passes the token check and rate limit, calls the enrollment grain, which reads its cohort and scenario (cached) and grades its state " +
            "with `Grader.Grade`, and is answered as JSON. Three students per template, each in a cohort of their own, their enrollments given the " +
            "evidence of the pure benchmark above through the silo's grain storage (and checked: each answers exactly the grade the pure benchmark " +
            "computes): **today** (the template as shipped, weighted mean), **new criteria on** (the uploaded spec adding the four criteria, " +
            "all-proficient), and a second student of today's as the control (the same work as today's: its ratio is this run's noise). " +
            string.Create(CultureInfo.InvariantCulture, $"After {GradeEndpointBenchmark.WarmupRequests:N0} requests each to warm up, {GradeEndpointBenchmark.Rounds} rounds of {GradeEndpointBenchmark.RequestsPerRound} requests per student, ") +
            "the order turning each round; the ratio is the median of the rounds' ratios to today's round. Allocation is the whole process's " +
            "(client, Kestrel, silo) per request, median of the rounds. The last columns time the enrollment grain's `GetGradeAsync` called in " +
            "process the same way (no HTTP, no JSON): the grade as the request gets it.");
        report.AppendLine();
        report.AppendLine("| template | today | new criteria on | ratio (time) | within 20 % | noise: control ÷ today | allocated per request today | new | ratio (allocated) | answer today | answer new | grain call today | new | ratio |");
        report.AppendLine("| --- | ---: | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var met = true;
        var noisy = false;
        foreach (var e in endpoint)
        {
            met &= e.Ratio <= Goal;
            noisy |= Math.Abs(e.ControlRatio - 1) > NoiseTolerance;
            report.AppendLine(CultureInfo.InvariantCulture,
                $"| {e.Template} | {e.TodayMicroseconds:0} µs | {e.NewMicroseconds:0} µs | {e.Ratio:0.00} | {(e.Ratio <= Goal ? "yes" : "**no**")} | {e.ControlRatio:0.00} | " +
                $"{e.TodayAllocated / 1024:N1} KiB | {e.NewAllocated / 1024:N1} KiB | {e.AllocatedRatio:0.00} | {e.TodayBytes / 1024.0:N1} KiB | {e.NewBytes / 1024.0:N1} KiB | " +
                $"{e.GrainTodayMicroseconds:0.0} µs | {e.GrainNewMicroseconds:0.0} µs | {e.GrainRatio:0.00} |");
        }

        report.AppendLine();
        var endpointWorst = endpoint.Max(e => e.Ratio);
        var verdict = (met, pureMet) switch
        {
            (true, true) => "**Goal met end to end and for the pure grade.**",
            (true, false) => string.Create(CultureInfo.InvariantCulture,
                $"**Goal met end to end, not for the pure grade**: `GET /api/v1/grade` with the new criteria costs at most {endpointWorst:0.00} times today's request, " +
                $"while the pure `Grader.Grade` above still costs up to {pureWorst:0.00} times today's grade. Both figures stand: a request is mostly HTTP, " +
                $"the token check, the grain call and JSON, which the criteria change only by the longer answer (their feedback), while a grade computed without a request " +
                $"(every progress push, every grades CSV row) pays the pure figure."),
            (false, true) => string.Create(CultureInfo.InvariantCulture, $"**Goal met for the pure grade, not end to end**: the endpoint costs up to {endpointWorst:0.00} times today's request."),
            _ => string.Create(CultureInfo.InvariantCulture, $"**Goal not met**: the endpoint costs up to {endpointWorst:0.00} times today's request, the pure grade up to {pureWorst:0.00} times today's."),
        };
        report.AppendLine(noisy
            ? verdict + $" (The control differed from today's by more than {NoiseTolerance:P0} on at least one template: read the endpoint's ratios with that margin.)"
            : verdict);
        report.AppendLine();
    }

    private static BenchmarkReport Find(Summary summary, string method, string? template) => summary.Reports.Single(r =>
        r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
        && (template is null || (string)r.BenchmarkCase.Parameters["Template"] == template));

    private static double Mean(BenchmarkReport report) =>
        report.ResultStatistics?.Mean ?? throw new InvalidOperationException($"{report.BenchmarkCase.DisplayInfo} has no result.");

    private static long Allocated(BenchmarkReport report) => report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;

    private static string Time(BenchmarkReport report) => Mean(report) switch
    {
        >= 1_000_000 and var ns => string.Create(CultureInfo.InvariantCulture, $"{ns / 1_000_000:0.00} ms"),
        >= 1_000 and var ns => string.Create(CultureInfo.InvariantCulture, $"{ns / 1_000:0.0} µs"),
        var ns => string.Create(CultureInfo.InvariantCulture, $"{ns:0} ns"),
    };

    private static string Bytes(BenchmarkReport report) => string.Create(CultureInfo.InvariantCulture, $"{Allocated(report) / 1024.0:N1} KiB");

    private static string Overall(GradeReport grade) => string.Create(CultureInfo.InvariantCulture, $"{grade.OverallScore:0.00} {grade.OverallLevel}");

    private static string Score(GradeReport grade, string criterion) =>
        grade.Criteria.Single(c => c.Name == criterion) is { Score: { } score, Level: var level } ? string.Create(CultureInfo.InvariantCulture, $"{score:0.00} {level}") : "not judged";

    private static string Table(Summary summary)
    {
        var logger = new AccumulationLogger();
        MarkdownExporter.GitHub.ExportToLog(summary, logger);
        return logger.GetLog();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PPipe.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("PPipe.sln not found above the bench's output directory.");
    }
}
