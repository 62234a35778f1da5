using System.Text;
using static PPipe.Cluster.Soak.Report.Figures;

namespace PPipe.Cluster.Soak.Report;

/// <summary>Each cohort's roster uploads: how long, what was answered, and the same roster uploaded again.</summary>
public static class RosterSection
{
    public static void Write(StringBuilder text, SoakReport report)
    {
        text.AppendLine("## Rosters").AppendLine();
        text.AppendLine("One CSV upload per cohort (`POST /api/v1/admin/cohorts/{id}/enrollments`), timed by the client, while the cohorts enrolled before " +
            "it were already being polled; a failed upload is sent once more after 5 s, as a person would. Then, once every cohort was enrolled, the same " +
            "roster again: it should change nothing. After a whole-roster upload failed, later cohorts went in chunks of " +
            $"{report.Options.RosterChunkAfterFailure:N0} rows (marked), as an instructor would after such a failure; the timing goal is judged on whole-roster uploads only.").AppendLine();
        var table = new MarkdownTable("<cohort", "<template", "rows", "<uploads (status, seconds, enrolled/already enrolled)", "tokens received", "<repeat upload",
            "repeat: tokens changed", "tokens still valid", "enrolled after (cohort / summary)");
        foreach (var cohort in report.Cohorts)
        {
            var uploads = string.Join("; ", cohort.Uploads.Select(u =>
                $"{(u.Status == 0 ? "no answer" : u.Status)} in {N(u.Elapsed.TotalSeconds, 1)} s, {N(u.Enrolled)}/{N(u.AlreadyEnrolled)}" + (u.Failure is null ? "" : $" ({Short(u.Failure)})")));
            var repeat = cohort.Repeat is { } r ? $"{(r.Status == 0 ? "no answer" : r.Status)} in {N(r.Elapsed.TotalSeconds, 1)} s, {N(r.Enrolled)} enrolled, {N(r.AlreadyEnrolled)} already enrolled" + (r.Failure is null ? "" : $" ({Short(r.Failure)})") : "–";
            var reasons = cohort.TokensChangedByRepeat is { } changed ? N(changed) : "–";
            table.Add($"{cohort.Index} `{cohort.Id}`", cohort.Template, N(cohort.Roster.Count) + (cohort.Chunked ? " (in chunks)" : ""), uploads, N(cohort.Tokens.Count), repeat, reasons,
                $"{cohort.TokensAfterRepeat.StillValid}/{cohort.TokensAfterRepeat.Sampled}", $"{N(cohort.EnrolledAfterRepeat.Cohort)} / {N(cohort.EnrolledAfterRepeat.Summary)}");
        }

        table.WriteTo(text);
        var partial = report.Cohorts.Where(c => c.Tokens.Count < c.Roster.Count).ToList();
        if (partial.Count > 0)
        {
            text.AppendLine($"**{N(report.StudentsWithoutToken)} students in {partial.Count} cohort(s) never got a token to the instructor**; the soak drives only the students it has tokens for.").AppendLine();
        }
    }

    private static string Short(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
