using System.Text;
using static PPipe.Cluster.Soak.Report.Figures;

namespace PPipe.Cluster.Soak.Report;

/// <summary>Each injected fault: its window, the errors students saw and how long until they stopped; and hosts that ended by themselves.</summary>
public static class FaultSection
{
    public static void Write(StringBuilder text, SoakReport report, IReadOnlyList<FaultFigures> faults)
    {
        text.AppendLine("## Faults").AppendLine();
        if (faults.Count == 0)
        {
            text.AppendLine("No faults were injected in this run.").AppendLine();
        }
        else
        {
            WriteInjected(text, faults);
        }

        if (report.UnplannedExits.Count > 0)
        {
            text.AppendLine("Hosts that ended by themselves, noticed by the harness (checked every 2 s) and started again, as a supervisor would:").AppendLine();
            var exits = new MarkdownTable("<host", "noticed at", "exit code", "up again at", "<last fatal line");
            foreach (var exit in report.UnplannedExits)
            {
                exits.Add(exit.Host, N(exit.NoticedAt), exit.ExitCode, exit.RestartedAt is { } r ? N(r) : "not up: " + exit.RestartError, exit.Reason ?? "");
            }

            exits.WriteTo(text);
        }
    }

    private static void WriteInjected(StringBuilder text, IReadOnlyList<FaultFigures> faults)
    {
        text.AppendLine("Seconds of the run. \"errors\" counts from the fault's start to the next fault (or the end of the traffic); \"last error\" is the " +
            "last second with an error in that span, and \"recovered\" how long after the restored process was up that was (0: errors had stopped before). " +
            "\"failed in first minute\" counts the 60 s after the start, or less when the next fault begins sooner.").AppendLine();
        var table = new MarkdownTable("<fault", "<action", "start", "restore issued", "up again", "<errors until next fault", "<errors by request",
            "failed in first minute", "errors after 30 s", "last error", "recovered", "balancer failovers", "scen. 503");
        foreach (var fault in faults)
        {
            var window = fault.Fault;
            table.Add(window.Name, window.Action + (window.Error is null ? "" : $" — restore failed: {window.Error}"), N(window.StartedAt, 1), N(window.RestoringAt, 1),
                N(window.RestoredAt, 1), fault.ErrorText(), fault.ClassText(),
                $"{Percent(fault.MinuteErrors, fault.MinuteRequests)} ({N(fault.MinuteErrors)} of {N(fault.MinuteRequests)})",
                N(fault.ErrorsAfter30Seconds), fault.LastErrorSecond is { } last ? N(last) : "–", fault.RecoveryAfterRestore is { } r ? Seconds(r) : "no errors",
                N(fault.Failovers), N(fault.ScenarioOutages));
        }

        table.WriteTo(text);
    }
}
