using System.Text;
using PPipe.Cluster.Soak.Load;
using static PPipe.Cluster.Soak.Report.Figures;

namespace PPipe.Cluster.Soak.Report;

/// <summary>The issue's goals, each with what this run measured.</summary>
public static class GoalsSection
{
    public static void Write(StringBuilder text, SoakReport report, IReadOnlyList<FaultFigures> faults)
    {
        text.AppendLine("## Goals").AppendLine();
        var table = new MarkdownTable("<measure", "<measured", "<goal", "<met");
        var enrolled = report.Cohorts.Sum(c => c.Tokens.Count);
        table.Add("enrollments active across the silos", $"{N(enrolled)} of {N(report.Options.Students)} in the rosters", "100,000 (full profile)",
            report.Options.Students >= 100_000 ? Met(enrolled >= 100_000) : "n/a (profile)");

        var losses = report.Losses;
        table.Add("acknowledged work lost", losses.Count == 0 ? "not checked" : $"{N(report.LostWork)} of {N(losses.Sum(l => l.Checked))} checked " +
            $"({string.Join("; ", losses.Select(l => $"{l.Kind}: {l.Lost}"))})", "0", Met(losses.Count > 0 && report.LostWork == 0));
        table.Add("hosts that ended by themselves (not killed by the fault schedule)",
            report.UnplannedExits.Count == 0 ? "none" : string.Join("; ", report.UnplannedExits.Select(x => $"{x.Host} at {N(x.NoticedAt)} s (exit code {x.ExitCode})")),
            "none", Met(report.UnplannedExits.Count == 0));
        table.Add("students whose token the instructor never received", N(report.StudentsWithoutToken), "0", Met(report.StudentsWithoutToken == 0));

        var firsts = report.Cohorts.Where(c => c.Uploads.Count > 0 && !c.Chunked).Select(c => c.Uploads[0]).ToList();
        if (firsts.Count > 0)
        {
            var seconds = firsts.Select(u => u.Elapsed.TotalSeconds).ToList();
            var failed = firsts.Count(u => u.Status != 200);
            table.Add($"enrolling a roster of {N(report.Options.RosterSize)} in cluster mode",
                $"median {Seconds(Quantile(seconds, 0.5))}, max {Seconds(seconds.Max())}; {failed} of {firsts.Count} first uploads not 200",
                "< 10 s (10,000 students)", Met(failed == 0 && seconds.Max() < 10));
        }

        var repeats = report.Cohorts.Where(c => c.Repeat is not null).ToList();
        if (repeats.Count > 0)
        {
            var unchanged = repeats.All(c => c.Repeat!.Status == 200 && c.Repeat.Enrolled == 0 && c.TokensChangedByRepeat == 0
                && c.TokensAfterRepeat.StillValid == c.TokensAfterRepeat.Sampled && c.EnrolledAfterRepeat.Summary == c.Tokens.Count);
            table.Add("the same roster again changes nothing",
                $"{repeats.Count(c => c.Repeat!.Status == 200)} of {repeats.Count} answered 200, {N(repeats.Sum(c => c.Repeat!.Enrolled))} enrolled again, " +
                $"{N(repeats.Sum(c => c.Repeat!.AlreadyEnrolled))} already enrolled, {N(repeats.Sum(c => c.TokensChangedByRepeat ?? 0))} tokens changed; " +
                $"{repeats.Sum(c => c.TokensAfterRepeat.StillValid)}/{repeats.Sum(c => c.TokensAfterRepeat.Sampled)} sampled tokens still valid",
                "changes nothing (and re-issues no one's token)", Met(unchanged));
        }

        foreach (var fault in faults)
        {
            var name = fault.Fault.Name;
            if (name.Contains("silo", StringComparison.Ordinal))
            {
                table.Add($"{name}: failed student requests in that minute; errors after 30 s",
                    $"{Percent(fault.MinuteErrors, fault.MinuteRequests)} ({N(fault.MinuteErrors)} of {N(fault.MinuteRequests)}); {N(fault.ErrorsAfter30Seconds)} after 30 s",
                    "< 1 %; none after 30 s", Met(fault.MinuteErrors < 0.01 * fault.MinuteRequests && fault.ErrorsAfter30Seconds == 0));
            }
            else if (name.Contains("PostgreSQL", StringComparison.Ordinal))
            {
                var fiveHundreds = fault.Errors.GetValueOrDefault(Outcome.Status500);
                var afterReturn = Outcomes.All.Where(Outcomes.IsError).Sum(o => report.Requests.Count(o, fault.Fault.RestoredAt + 10, fault.Until));
                table.Add($"{name} {report.Options.PostgresDownFor.TotalSeconds:0} s: 500s; errors later than 10 s after it returned",
                    $"{N(fiveHundreds)} × 500; {N(afterReturn)} errors later than 10 s after; last error {Seconds(fault.RecoveryAfterRestore ?? 0)} after it was back; all: {fault.ErrorText()}",
                    "0 × 500; 503 only while down; 0 errors < 10 s after", Met(fiveHundreds == 0 && afterReturn == 0));
            }
        }

        if (report.Lateness is { } lateness)
        {
            var calm = lateness.TickCalm;
            table.Add("tick lateness outside fault windows (webhook releases: notice built − release due)",
                calm.Count == 0 ? "no webhook release fell in a calm window" : $"p50 {Seconds(Quantile(calm, 0.5))}, p99 {Seconds(Quantile(calm, 0.99))}, max {Seconds(calm.Max())} ({N(calm.Count)} notices)",
                "p99 < 1 s, max < 5 s", calm.Count == 0 ? "?" : Met(Quantile(calm, 0.99) < 1 && calm.Max() < 5));
        }

        if (WorkSection.SiloLateness(report) is { Count: > 0 } perSilo)
        {
            var calm = perSilo.Where(s => s.Calm.Wakes > 0).ToList();
            table.Add("tick lateness per silo outside fault windows (the silos' own reports: due → wake started)",
                calm.Count == 0 ? "no calm window reported" : string.Join("; ", calm.Select(s => $"{s.Silo} p99 ≤ {Seconds(s.Calm.P99)}, max {Seconds(s.Calm.Max)}")),
                "p99 < 1 s, max < 5 s", calm.Count == 0 ? "?" : Met(calm.All(s => s.Calm.P99 < 1 && s.Calm.Max < 5)));
        }

        if (ResourceSections.PerEnrollment(report) is { } perEnrollment)
        {
            table.Add("working set per active enrollment per silo", $"{N(perEnrollment.PerSilo, 1)} KiB (silos' RSS growth from idle ÷ enrollments per silo; {perEnrollment.Basis})",
                "≤ 10 KiB", Met(perEnrollment.PerSilo <= 10));
        }

        table.WriteTo(text);
        text.AppendLine(WhyNotMet).AppendLine();
    }

    /// <summary>Where the reasons are: a run writes figures, and people read from them why a goal was missed.</summary>
    private const string WhyNotMet =
        "Each goal marked **no** is explained in the repository's `docs/scaling.md`: what limited it on the machine measured, and what would meet it.";

    private static string Met(bool met) => met ? "yes" : "**no**";
}
