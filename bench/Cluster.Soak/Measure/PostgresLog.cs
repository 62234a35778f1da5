using System.Text.RegularExpressions;

namespace PPipe.Cluster.Soak.Measure;

/// <summary>The server log's lines by severity, and its ERROR, FATAL and PANIC messages by kind with counts.</summary>
public static partial class PostgresLog
{
    public sealed record Summary(IReadOnlyDictionary<string, int> BySeverity, IReadOnlyList<(string Severity, string Message, int Count)> Problems);

    public static Summary Read(string path)
    {
        var severities = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new Dictionary<(string, string), int>();
        if (!File.Exists(path))
        {
            return new Summary(severities, []);
        }

        foreach (var line in File.ReadLines(path))
        {
            var match = Line().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var severity = match.Groups[1].Value;
            severities[severity] = severities.GetValueOrDefault(severity) + 1;
            if (severity is "ERROR" or "FATAL" or "PANIC")
            {
                var message = Numbers().Replace(match.Groups[2].Value, "#");
                message = message.Length > 200 ? message[..200] + "…" : message;
                problems[(severity, message)] = problems.GetValueOrDefault((severity, message)) + 1;
            }
        }

        return new Summary(severities, [.. problems.OrderByDescending(p => p.Value).Select(p => (p.Key.Item1, p.Key.Item2, p.Value))]);
    }

    [GeneratedRegex(@"\[\d+\] (LOG|WARNING|ERROR|FATAL|PANIC|DETAIL|STATEMENT|HINT|CONTEXT):\s+(.*)$")]
    private static partial Regex Line();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Numbers();
}
