using System.Text;
using PPipe.Cluster.Soak.Measure;
using static PPipe.Cluster.Soak.Report.Figures;

namespace PPipe.Cluster.Soak.Report;

/// <summary>PostgreSQL as it saw the run: connections (by process), transactions and statements per second, table sizes, its log.</summary>
public static class PostgresSection
{
    public static void Write(StringBuilder text, SoakReport report)
    {
        text.AppendLine("## PostgreSQL").AppendLine();
        var samples = report.Postgres;
        var reachable = samples.Where(s => s.Error is null).ToList();
        var options = report.Options;
        text.AppendLine($"PostgreSQL {report.PostgresVersion}, `max_connections` {options.PostgresMaxConnections}, every host's pool capped at " +
            $"`Maximum Pool Size={options.MaxPoolSize}` in `ConnectionStrings__PPipe` ({options.Silos} silos + {options.Frontends} front ends = at most " +
            $"{(options.Silos + options.Frontends) * options.MaxPoolSize}). Sampled every 10 s.").AppendLine();
        if (reachable.Count > 0)
        {
            var owners = reachable.SelectMany(s => s.ByOwner.Keys).Distinct().OrderBy(o => o, StringComparer.Ordinal).ToList();
            var peak = reachable.MaxBy(s => s.Connections)!;
            text.AppendLine($"Connections to the soak's database: peak {peak.Connections} at {N(peak.At)} s ({string.Join(", ", peak.ByState.Select(s => $"{s.Key} {s.Value}"))}); " +
                $"peak per process: {string.Join(", ", owners.Select(o => $"{o} {reachable.Max(s => s.ByOwner.GetValueOrDefault(o))}"))}.").AppendLine();
        }

        var table = new MarkdownTable("t (s)", "connections", "<by process", "commits/s", "rollbacks/s", "statements/s", "rows inserted/s", "rows updated/s", "<error");
        PostgresSample? previous = null;
        foreach (var sample in samples)
        {
            if (sample.Error is not null)
            {
                table.Add(N(sample.At), "–", "", "", "", "", "", "", sample.Error);
                continue;
            }

            string Rate(Func<PostgresSample, long?> of) =>
                previous is null || of(previous) is not { } a || of(sample) is not { } b || b < a ? "" : N((b - a) / (sample.At - previous.At), 0);
            table.Add(N(sample.At), N(sample.Connections), string.Join(", ", sample.ByOwner.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"{o.Key} {o.Value}")),
                Rate(s => s.Commits), Rate(s => s.Rollbacks), Rate(s => s.Statements), Rate(s => s.RowsInserted), Rate(s => s.RowsUpdated), "");
            previous = sample;
        }

        table.WriteTo(text);
        if (report.Tables.Count > 0)
        {
            text.AppendLine("Tables at the end:").AppendLine();
            var tables = new MarkdownTable("<table", "rows", "size MiB (with indexes)", "bytes per row");
            foreach (var t in report.Tables)
            {
                tables.Add(t.Table, N(t.Rows), N(t.Bytes / 1048576.0, 1), t.Rows > 0 ? N(t.Bytes / (double)t.Rows) : "–");
            }

            tables.WriteTo(text);
        }

        if (report.GrainState.Count > 0)
        {
            text.AppendLine("Grain state rows (`orleansstorage`) by grain type:").AppendLine();
            var types = new MarkdownTable("<grain type", "rows", "payload MiB", "payload bytes per row");
            foreach (var t in report.GrainState)
            {
                types.Add(t.Table, N(t.Rows), N(t.Bytes / 1048576.0, 1), t.Rows > 0 ? N(t.Bytes / (double)t.Rows) : "–");
            }

            types.WriteTo(text);
        }

        if (report.Statements.Count > 0)
        {
            text.AppendLine("Busiest statements (pg_stat_statements, whole run):").AppendLine();
            var statements = new MarkdownTable("calls", "total ms", "mean ms", "rows", "<query");
            foreach (var s in report.Statements)
            {
                statements.Add(N(s.Calls), N(s.TotalMs), N(s.MeanMs, 2), N(s.Rows), "`" + (s.Query.Length > 180 ? s.Query[..180] + "…" : s.Query) + "`");
            }

            statements.WriteTo(text);
        }

        if (report.PostgresLog is { } log)
        {
            text.AppendLine($"Server log: {string.Join(", ", log.BySeverity.OrderByDescending(s => s.Value).Select(s => $"{s.Key} {N(s.Value)}"))}.").AppendLine();
            if (log.Problems.Count > 0)
            {
                var problems = new MarkdownTable("<severity", "count", "<message");
                foreach (var (severity, message, count) in log.Problems.Take(12))
                {
                    problems.Add(severity, N(count), message);
                }

                problems.WriteTo(text);
            }
        }
    }
}
