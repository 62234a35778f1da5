using System.Text;
using PPipe.Cluster.Soak.Measure;
using static PPipe.Cluster.Soak.Report.Figures;

namespace PPipe.Cluster.Soak.Report;

/// <summary>Acknowledged work lost, tick lateness seen through webhooks, and whether the summary counts every student right.</summary>
public static class WorkSection
{
    public static void Write(StringBuilder text, SoakReport report)
    {
        text.AppendLine("## Acknowledged work lost").AppendLine();
        var table = new MarkdownTable("<kind", "checked", "lost", "could not check", "<note");
        foreach (var loss in report.Losses)
        {
            table.Add(loss.Kind, N(loss.Checked), loss.Lost == 0 ? "0" : $"**{N(loss.Lost)}**", N(loss.Unverifiable), loss.Note);
        }

        table.WriteTo(text);
        foreach (var loss in report.Losses.Where(l => l.Examples.Count > 0))
        {
            text.AppendLine($"- {loss.Kind}: " + string.Join("; ", loss.Examples.Select(e => $"`{e}`")));
        }

        foreach (var note in report.Notes)
        {
            text.AppendLine($"- {note}");
        }

        text.AppendLine();
        WriteSiloLateness(text, report);
        text.AppendLine("## Tick lateness seen through webhooks").AppendLine();
        text.AppendLine("The same from outside: every webhook notification carries " +
            "`sentAt` (when the enrollment's tick built it) and `release.releasedAt` (when the release was due), so for releases on the webhook channel " +
            "(energy-demand cohorts) the lateness of those ticks is `sentAt − releasedAt`; arrival adds delivery. Seconds; first notice per student and release; " +
            "\"fault\" = the release fell in a fault window or the 60 s after it.").AppendLine();
        if (report.Lateness is { } lateness)
        {
            var late = new MarkdownTable("<measure", "notices", "p50", "p99", "max");
            foreach (var (label, values) in new[] { ("tick lateness, calm", lateness.TickCalm), ("tick lateness, fault", lateness.TickFault),
                ("arrival − due, calm", lateness.ArrivalCalm), ("arrival − due, fault", lateness.ArrivalFault) })
            {
                late.Add(label, N(values.Count), Seconds(Quantile(values, 0.5)), Seconds(Quantile(values, 0.99)), values.Count == 0 ? "–" : Seconds(values.Max()));
            }

            late.WriteTo(text);
        }

        text.AppendLine("## Does the summary count every student right?").AppendLine();
        text.AppendLine("The last summary of each cohort, read after grades.csv, against grades.csv and the tokens issued. \"batches sealed\" is a lower bound " +
            "of what `batches.due` should count: every enrolled student × the batches whose late cutoff (or the end) had passed when the summary was read " +
            "(students who submitted on time are sealed at the due time already).").AppendLine();
        var summary = new MarkdownTable("<cohort", "<template", "tokens issued", "summary enrolled", "grades.csv rows", "summary Ungraded",
            "<grades.csv levels", "summary batches.due", "batches sealed ≥");
        foreach (var cohort in report.Cohorts)
        {
            var last = report.Summaries.LastOrDefault(s => s.CohortId == cohort.Id && s.Enrolled is not null);
            var sealedBatches = last is null ? 0 : cohort.Schedule.Batches.Count(b =>
                cohort.WallTimeAt(b.LateUntil) < report.Clock.WallTimeAt(last.At));
            summary.Add(cohort.Id, cohort.Template, N(cohort.Tokens.Count), N(last?.Enrolled), N(cohort.Grades?.Rows), N(last?.Ungraded),
                cohort.Grades is null ? "–" : string.Join(", ", cohort.Grades.OverallLevels.OrderByDescending(l => l.Value).Select(l => $"{l.Key} {l.Value}")),
                N(last?.DueBatches), N(sealedBatches * (long)(last?.Enrolled ?? 0)));
        }

        summary.WriteTo(text);
        var failedReads = report.Summaries.Where(s => s.Status != 200).ToList();
        text.AppendLine($"Summaries read every 30 s during the run: {N(report.Summaries.Count)}, of which {N(failedReads.Count)} failed " +
            $"({string.Join(", ", failedReads.GroupBy(s => s.Status).Select(g => $"{(g.Key == 0 ? "no answer" : g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))} ×{g.Count()}"))}).").AppendLine();
    }

    /// <summary>Per silo: its reported windows split by whether they overlap a fault (or the 60 s after it), summed.</summary>
    public static IReadOnlyList<(string Silo, Lateness Calm, Lateness Fault)> SiloLateness(SoakReport report) =>
        [.. report.SiloWindows.GroupBy(w => w.Silo, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            bool InFault(SiloWindow w) => report.Faults.Any(f => w.To > f.StartedAt && w.From < f.RestoredAt + 60);
            return (g.Key, Lateness.Of(g.Where(w => !InFault(w))), Lateness.Of(g.Where(InFault)));
        })];

    private static void WriteSiloLateness(StringBuilder text, SoakReport report)
    {
        text.AppendLine("## Tick lateness per silo").AppendLine();
        text.AppendLine("From the silos' own reports (`GET /api/v1/admin/cluster/operations`, one per silo every 10 s, read every 30 s): how long after " +
            "its due time each enrollment wake started. A window's p50 and p99 are the upper bounds of their histogram buckets (5, 10, 25, 50, 100, " +
            "250, 500 ms, 1, 2.5, 5, 10, 30, 60 s); over several windows the table gives the wake-weighted median of the windows' p50, the largest " +
            "window p99 and the largest maximum. \"fault\" = the window overlaps a fault or the 60 s after it. Windows of a killed silo that it had " +
            "not reported are absent.").AppendLine();
        var table = new MarkdownTable("<silo", "<windows", "wakes", "failed", "p50 ≤", "p99 ≤", "max", "enrollments active (last)");
        foreach (var (silo, calm, fault) in SiloLateness(report))
        {
            foreach (var (label, figures) in new[] { ("calm", calm), ("fault", fault) })
            {
                table.Add(silo, $"{label}: {figures.Windows}", N(figures.Wakes), N(figures.Failed), figures.Wakes > 0 ? Seconds(figures.P50) : "–",
                    figures.Wakes > 0 ? Seconds(figures.P99) : "–", figures.Wakes > 0 ? Seconds(figures.Max) : "–", N(figures.LastActive));
            }
        }

        table.WriteTo(text);
        text.AppendLine();
    }

    /// <summary>Wake lateness over several reported windows.</summary>
    public sealed record Lateness(int Windows, long Wakes, long Failed, double P50, double P99, double Max, long LastActive)
    {
        public static Lateness Of(IEnumerable<SiloWindow> windows)
        {
            var list = windows.ToList();
            var withWakes = list.Where(w => w.Wakes > 0 && w.P50 is not null).OrderBy(w => w.P50).ToList();
            var half = withWakes.Sum(w => w.Wakes) / 2.0;
            double p50 = 0;
            double seen = 0;
            foreach (var w in withWakes)
            {
                seen += w.Wakes;
                if (seen >= half)
                {
                    p50 = w.P50!.Value;
                    break;
                }
            }

            return new Lateness(list.Count, list.Sum(w => w.Wakes), list.Sum(w => w.WakesFailed), p50,
                withWakes.Count == 0 ? 0 : withWakes.Max(w => w.P99 ?? 0), withWakes.Count == 0 ? 0 : withWakes.Max(w => w.Max),
                list.Count == 0 ? 0 : list.MaxBy(w => w.To)!.ActiveEnrollments);
        }
    }
}
