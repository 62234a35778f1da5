using System.Text;
using static PPipe.Cluster.Soak.Report.Figures;

namespace PPipe.Cluster.Soak.Report;

/// <summary>Memory and CPU of every process, from /proc.</summary>
public static class ResourceSections
{
    /// <summary>KiB of silo working set per enrollment: the silos' RSS growth from idle divided by the enrollments.</summary>
    public static (double PerSilo, string Basis)? PerEnrollment(SoakReport report)
    {
        var idle = report.Memory.FirstOrDefault(m => m.Enrolled == 0);
        var loaded = report.Memory.FirstOrDefault(m => m.Label == "before the first fault") ?? report.Memory.LastOrDefault(m => m.Enrolled > 0);
        if (idle is null || loaded is null || loaded.Enrolled == 0)
        {
            return null;
        }

        var silos = loaded.ResidentKiB.Keys.Where(k => k.StartsWith("silo", StringComparison.Ordinal)).ToList();
        if (silos.Any(s => loaded.ResidentKiB[s] is null || idle.ResidentKiB.GetValueOrDefault(s) is null))
        {
            return null;
        }

        var growth = silos.Sum(s => loaded.ResidentKiB[s]!.Value - idle.ResidentKiB[s]!.Value);
        return (growth / (double)loaded.Enrolled, $"'{loaded.Label}' vs '{idle.Label}', {N(loaded.Enrolled)} enrollments over {silos.Count} silos, an upper bound");
    }

    public static void Write(StringBuilder text, SoakReport report)
    {
        text.AppendLine("## Memory").AppendLine();
        text.AppendLine("Resident set (VmRSS, MiB) of each host at moments of the run; no forced GC. PostgreSQL's figure below is the summed proportional set of all its processes.").AppendLine();
        var hosts = report.Memory.SelectMany(m => m.ResidentKiB.Keys).Distinct().ToList();
        var marks = new MarkdownTable(["<moment", "t (s)", "enrolled", .. hosts]);
        foreach (var mark in report.Memory)
        {
            marks.Add([mark.Label, N(mark.At), N(mark.Enrolled), .. hosts.Select(h => MiB(mark.ResidentKiB.GetValueOrDefault(h)))]);
        }

        marks.WriteTo(text);
        if (PerEnrollment(report) is { } perEnrollment)
        {
            text.AppendLine($"Working set per active enrollment: **{N(perEnrollment.PerSilo, 1)} KiB** ({perEnrollment.Basis}). Front ends hold a token cache and rate-limit bucket per active student too (their growth is in the table).").AppendLine();
        }

        var samples = report.Processes.Samples;
        var names = report.Processes.Names;
        text.AppendLine("## CPU").AppendLine();
        text.AppendLine($"Average cores used (from /proc/<pid>/stat; the machine has {Environment.ProcessorCount}). \"machine busy\" is all processes on the machine, including other engineers' builds.").AppendLine();
        var phases = new List<(string Label, double From, double To)>
        {
            ("enrolling", report.Phases.FirstOrDefault(p => p.Label == "cluster up")?.At ?? 0, report.Traffic.From),
            ("traffic period", report.Traffic.From, report.Traffic.To),
        };
        var cpu = new MarkdownTable(["<phase", .. names, "machine busy", "not ours", "load average"]);
        foreach (var (label, from, to) in phases.Where(p => p.To > p.From))
        {
            var inPhase = samples.Where(s => s.At > from && s.At <= to).ToList();
            var machine = report.Processes.Machine.Where(m => m.At > from && m.At <= to).ToList();
            cpu.Add([label, .. names.Select(n => N(Average(inPhase.Where(s => s.Name == n).Select(s => s.Cores)), 2)),
                N(Average(machine.Select(m => m.Busy)), 2), N(Average(machine.Select(m => Math.Max(0, m.Busy - m.Measured))), 2),
                N(Average(machine.Select(m => m.Load)), 0)]);
        }

        cpu.WriteTo(text);

        text.AppendLine("Per minute (memory MiB / cores):").AppendLine();
        var perMinute = new MarkdownTable(["t (s)", .. names, "machine busy cores", "load average"]);
        foreach (var minute in samples.GroupBy(s => (int)(s.At / 60)).OrderBy(g => g.Key))
        {
            perMinute.Add([N(minute.Key * 60), .. names.Select(n =>
            {
                var of = minute.Where(s => s.Name == n).ToList();
                return of.Count == 0 ? "–" : $"{MiB(of[^1].MemoryKiB)} / {N(Average(of.Select(s => s.Cores)), 2)}";
            }), .. MachineIn(report, minute.Key * 60, minute.Key * 60 + 60)]);
        }

        perMinute.WriteTo(text);
    }

    private static string[] MachineIn(SoakReport report, double from, double to)
    {
        var machine = report.Processes.Machine.Where(m => m.At > from && m.At <= to).ToList();
        return [N(Average(machine.Select(m => m.Busy)), 2), N(Average(machine.Select(m => m.Load)), 0)];
    }

    private static double Average(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? double.NaN : list.Average();
    }
}
