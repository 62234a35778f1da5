using System.Text;
using static PPipe.Cluster.Soak.Report.Figures;

namespace PPipe.Cluster.Soak.Report;

/// <summary>Writes RESULTS.md: the goals first, then every figure behind them.</summary>
public static class ResultsWriter
{
    public static string Write(SoakReport report)
    {
        var options = report.Options;
        var text = new StringBuilder();
        text.AppendLine("# Cluster soak — results").AppendLine();
        text.AppendLine("Written by `dotnet run -c Release --project bench/Cluster.Soak -- --profile " + options.Profile + "` (see README.md next to this file). " +
            "Raw figures as measured; nothing is smoothed or extrapolated.").AppendLine();
        text.AppendLine($"- Run: {report.Clock.StartedAt:yyyy-MM-dd HH:mm} UTC, {N(report.Clock.Seconds / 60, 1)} min in all; hosts built from src/ at `{report.Commit}`.");
        text.AppendLine($"- Machine: {report.Machine}. The load generator, PostgreSQL, {options.Silos} silos and {options.Frontends} front ends share it " +
            "(and other engineers' builds may too: see \"not ours\" under CPU).");
        text.AppendLine($"- Profile **{options.Profile}**: {N(options.Students)} students in {options.Cohorts} cohorts of up to {N(options.RosterSize)} " +
            $"(templates round-robin), speed {options.Speed} (a scenario day per {N(1440 / options.Speed, 1)} min), each cohort started " +
            $"{options.ScenarioLead.TotalDays:0.#} scenario day(s) before its endpoint requirement; traffic period {N(options.TrafficDuration.TotalMinutes, 1)} min; " +
            $"faults {(options.Faults ? "on" : "off")}; drain {N(options.Drain.TotalSeconds)} s.");
        text.AppendLine($"- Every host's configuration, as environment variables (nothing else changed): " +
            string.Join(", ", report.HostEnvironment.Select(e => $"`{e.Key}={e.Value}`")) + "; silos also get their ports and `Database__MigrateOnStart=false` " +
            "(the migration ran first), front ends `Cluster__Connection=Client`, the admin key and their URL. Each host runs in its own build output folder.");
        if (report.Aborted is not null)
        {
            text.AppendLine().AppendLine($"**The run stopped early: {report.Aborted}.** The figures below are what was measured until then.");
        }

        text.AppendLine();
        var faults = FaultFigures.Of(report);
        GoalsSection.Write(text, report, faults);
        text.AppendLine("## Timeline").AppendLine();
        foreach (var mark in report.Phases.Select(p => (p.At, p.Label)).Concat(report.Faults.Select(f => (At: f.StartedAt, Label: $"fault: {f.Name} (up again at {N(f.RestoredAt)} s)")))
            .Concat(report.UnplannedExits.Select(x => (At: x.NoticedAt, Label: $"**{x.Host} ended by itself** (exit code {x.ExitCode}; started again {(x.RestartedAt is { } r ? $"and up at {N(r)} s" : "but did not come up: " + x.RestartError)})")))
            .OrderBy(m => m.At))
        {
            text.AppendLine($"- {N(mark.At)} s: {mark.Label}");
        }

        text.AppendLine();
        RosterSection.Write(text, report);
        WorkSection.Write(text, report);
        FaultSection.Write(text, report, faults);
        ClientSection.Write(text, report);
        TrafficSection.Write(text, report);
        ResourceSections.Write(text, report);
        PostgresSection.Write(text, report);
        LogSection.Write(text, report);
        return text.ToString();
    }
}
