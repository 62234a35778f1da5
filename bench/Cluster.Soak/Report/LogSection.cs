using System.Text;
using static PPipe.Cluster.Soak.Report.Figures;

namespace PPipe.Cluster.Soak.Report;

/// <summary>What each host logged: lines by level, the most frequent warnings and errors with samples, exception types.</summary>
public static class LogSection
{
    private const int EntriesShown = 10;

    public static void Write(StringBuilder text, SoakReport report)
    {
        text.AppendLine("## Host logs").AppendLine();
        text.AppendLine($"Each host's console output (the products' own logging configuration from its appsettings.json), kept in `{report.LogDirectory}`. " +
            "Entries are counted by level, category and event id; times are seconds of the run.").AppendLine();
        var levels = new MarkdownTable("<host", "lines", "info", "warn", "fail", "crit");
        foreach (var (host, tally) in report.Logs)
        {
            var byLevel = tally.Levels;
            levels.Add(host, N(tally.Lines), N(byLevel.GetValueOrDefault("info")), N(byLevel.GetValueOrDefault("warn")), N(byLevel.GetValueOrDefault("fail")),
                N(byLevel.GetValueOrDefault("crit")));
        }

        levels.WriteTo(text);
        foreach (var (host, tally) in report.Logs)
        {
            var entries = tally.Entries.Where(e => e.Level is "warn" or "fail" or "crit").Take(EntriesShown).ToList();
            var exceptions = tally.Exceptions.Take(EntriesShown).ToList();
            if (entries.Count == 0 && exceptions.Count == 0)
            {
                continue;
            }

            text.AppendLine($"### {host}").AppendLine();
            if (entries.Count > 0)
            {
                var table = new MarkdownTable("<level", "<category [event]", "count", "first", "last", "<sample messages");
                foreach (var e in entries)
                {
                    table.Add(e.Level, $"{e.Category} [{e.EventId}]", N(e.Count), N(e.FirstAt), N(e.LastAt), string.Join(" ⏐ ", e.Samples));
                }

                table.WriteTo(text);
            }

            if (exceptions.Count > 0)
            {
                var table = new MarkdownTable("<exception type in stack traces", "count", "first", "last", "<sample messages");
                foreach (var e in exceptions)
                {
                    table.Add(e.Category, N(e.Count), N(e.FirstAt), N(e.LastAt), string.Join(" ⏐ ", e.Samples));
                }

                table.WriteTo(text);
            }
        }
    }
}
