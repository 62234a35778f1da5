using System.Text;
using static PPipe.Cluster.Soak.Report.Figures;

namespace PPipe.Cluster.Soak.Report;

/// <summary>What the load generator's students did: pollers, event streams, simulated students.</summary>
public static class ClientSection
{
    public static void Write(StringBuilder text, SoakReport report)
    {
        text.AppendLine("## Students").AppendLine();
        var (polls, downloads, students, downloaders) = report.Pollers;
        text.AppendLine($"- Pollers: {N(students)} roster students polling `GET /api/v1/releases` with `If-None-Match` every " +
            $"{report.Options.PollMin.TotalSeconds:0}–{report.Options.PollMax.TotalSeconds:0} s, each with a home front end (alternating); {N(polls)} polls. " +
            $"{N(downloaders)} of them download each new REST release as it is listed: {N(downloads)} downloads.");
        var (connects, breaks, refused, events, streams) = report.Streams;
        text.AppendLine($"- Event streams: {N(streams)} kept `GET /api/v1/events` open: {N(connects)} connections, {N(breaks)} ended or broke while wanted, " +
            $"attempts refused: {(refused.Count == 0 ? "none" : string.Join(", ", refused.Select(r => $"{r.Key} ×{r.Value}")))}; events: {string.Join(", ", events.OrderByDescending(e => e.Value).Select(e => $"{e.Key} {N(e.Value)}"))}.");
        var (simulated, crashes, throttled, problems, archetypes) = report.Simulated;
        text.AppendLine($"- Simulated students (src/Simulation, polling every {report.Options.SimulatedPollInterval.TotalSeconds:0} s): {N(simulated)} " +
            $"({string.Join(", ", archetypes.OrderByDescending(a => a.Value).Select(a => $"{a.Key} {a.Value}"))}); {N(crashes)} loop crashes, " +
            $"{N(throttled)} answers of 429/503 honoured with Retry-After, {N(problems)} problems recorded by the students.");
        var registrations = report.Losses.FirstOrDefault(l => l.Kind.StartsWith("release never notified", StringComparison.Ordinal));
        if (registrations is not null)
        {
            text.AppendLine($"- Webhooks: {registrations.Note}");
        }

        text.AppendLine();
    }
}
