using System.Text.RegularExpressions;

namespace PPipe.Cluster.Soak.Hosting;

/// <summary>
/// Counts what a host logged (the console logger's simple format: <c>warn: Category[event]</c> then the message
/// indented on the next line) by level, by category and event, and the exception types named in stack traces,
/// keeping a few sample messages of each. Thread-safe.
/// </summary>
public sealed partial class LogTally
{
    private const int SamplesKept = 3;
    private const int SampleLength = 400;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LogEntry> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LogEntry> _exceptions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _levels = new(StringComparer.Ordinal);
    private LogEntry? _awaitingMessage;
    private long _lines;

    public long Lines
    {
        get
        {
            lock (_lock)
            {
                return _lines;
            }
        }
    }

    /// <summary>Entries by level name (info, warn, fail, crit...).</summary>
    public IReadOnlyDictionary<string, long> Levels
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, long>(_levels);
            }
        }
    }

    /// <summary>Entries by level, category and event id, most frequent first.</summary>
    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries.Values.Select(e => e.Copy()).OrderByDescending(e => e.Count)];
            }
        }
    }

    /// <summary>Exception types named at the start of a stack trace line (including inner exceptions), most frequent first.</summary>
    public IReadOnlyList<LogEntry> Exceptions
    {
        get
        {
            lock (_lock)
            {
                return [.. _exceptions.Values.Select(e => e.Copy()).OrderByDescending(e => e.Count)];
            }
        }
    }

    /// <summary>Counts one output line, read <paramref name="at"/> seconds into the run.</summary>
    public void Add(string line, double at)
    {
        lock (_lock)
        {
            _lines++;
            var header = line.Length > 6 && line[4] == ':' ? Header().Match(line) : Match.Empty;
            if (header.Success)
            {
                var level = header.Groups[1].Value;
                _levels[level] = _levels.GetValueOrDefault(level) + 1;
                var key = $"{level} {header.Groups[2].Value}[{header.Groups[3].Value}]";
                if (!_entries.TryGetValue(key, out var entry))
                {
                    _entries[key] = entry = new LogEntry(level, header.Groups[2].Value, header.Groups[3].Value) { FirstAt = at };
                }

                entry.Count++;
                entry.LastAt = at;
                _awaitingMessage = entry;
                return;
            }

            if (_awaitingMessage is { } pending && line.StartsWith("      ", StringComparison.Ordinal))
            {
                AddSample(pending, line.Trim());
                _awaitingMessage = null;
                return;
            }

            _awaitingMessage = null;
            var exception = line.Length > 0 && line[0] == ' ' && line.Contains("Exception", StringComparison.Ordinal) ? ExceptionLine().Match(line) : Match.Empty;
            if (exception.Success)
            {
                var type = exception.Groups[1].Value;
                if (!_exceptions.TryGetValue(type, out var entry))
                {
                    _exceptions[type] = entry = new LogEntry("exception", type, "") { FirstAt = at };
                }

                entry.Count++;
                entry.LastAt = at;
                AddSample(entry, exception.Groups[2].Value.Trim());
            }
        }
    }

    private static void AddSample(LogEntry entry, string message)
    {
        var sample = message.Length > SampleLength ? message[..SampleLength] + "…" : message;
        var shape = Numbers().Replace(sample, "#");
        if (entry.Samples.Count < SamplesKept && !entry.Samples.Any(s => Numbers().Replace(s, "#") == shape))
        {
            entry.Samples.Add(sample);
        }
    }

    [GeneratedRegex(@"^(trce|dbug|info|warn|fail|crit): (.+?)\[(-?\d+)\]\s*$")]
    private static partial Regex Header();

    [GeneratedRegex(@"^\s+(?:---> )?([A-Za-z_][\w.]*Exception)(?: \(0x[0-9A-Fa-f]+\))?(?::\s?(.*))?$")]
    private static partial Regex ExceptionLine();

    [GeneratedRegex(@"[0-9a-f]{6,}|\d+")]
    private static partial Regex Numbers();
}
