using System.Text;
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
        text.AppendLine("## Tick lateness").AppendLine();
        text.AppendLine("Not observable per silo from outside (that needs the platform's metrics). What is observable: every webhook notification carries " +
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
                cohort.WallTimeAt(b.LateUntil ?? cohort.Schedule.Duration) < report.Clock.WallTimeAt(last.At));
            summary.Add(cohort.Id, cohort.Template, N(cohort.Tokens.Count), N(last?.Enrolled), N(cohort.Grades?.Rows), N(last?.Ungraded),
                cohort.Grades is null ? "–" : string.Join(", ", cohort.Grades.OverallLevels.OrderByDescending(l => l.Value).Select(l => $"{l.Key} {l.Value}")),
                N(last?.DueBatches), N(sealedBatches * (long)(last?.Enrolled ?? 0)));
        }

        summary.WriteTo(text);
        var failedReads = report.Summaries.Where(s => s.Status != 200).ToList();
        text.AppendLine($"Summaries read every 30 s during the run: {N(report.Summaries.Count)}, of which {N(failedReads.Count)} failed " +
            $"({string.Join(", ", failedReads.GroupBy(s => s.Status).Select(g => $"{(g.Key == 0 ? "no answer" : g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture))} ×{g.Count()}"))}).").AppendLine();
    }
}
