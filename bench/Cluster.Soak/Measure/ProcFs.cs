using System.Globalization;

namespace PPipe.Cluster.Soak.Measure;

/// <summary>Readings from /proc: a process's CPU time, resident and proportional set, its children, the machine's CPU.</summary>
public static class ProcFs
{
    /// <summary>Clock ticks per second of /proc's CPU figures (USER_HZ, 100 on Linux).</summary>
    public const double TicksPerSecond = 100;

    /// <summary>utime + stime of a process in clock ticks, or null when it is gone.</summary>
    public static long? CpuTicks(int pid)
    {
        var fields = StatFields(pid);
        // fields[0] is field 3 (state): utime is field 14, stime 15.
        return fields is null ? null : Long(fields[11]) + Long(fields[12]);
    }

    /// <summary>The parent process id, or null when the process is gone.</summary>
    public static int? ParentOf(int pid) => StatFields(pid) is { } fields ? (int)Long(fields[1]) : null;

    /// <summary>VmRSS in KiB, or null when the process is gone.</summary>
    public static long? ResidentKiB(int pid) => StatusValue($"/proc/{pid}/status", "VmRSS:");

    /// <summary>The proportional set (shared pages split between the processes sharing them) in KiB, or null.</summary>
    public static long? ProportionalKiB(int pid) => StatusValue($"/proc/{pid}/smaps_rollup", "Pss:");

    /// <summary>Every process whose parent is <paramref name="parent"/>.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parent)
    {
        var children = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) == parent)
            {
                children.Add(pid);
            }
        }

        return children;
    }

    /// <summary>The machine's CPU ticks: all, and busy (not idle or waiting for I/O), summed over cores.</summary>
    public static (long Total, long Busy) MachineTicks()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..9].Select(Long).ToArray();
        var total = cpu.Sum();
        return (total, total - cpu[3] - cpu[4]);
    }

    /// <summary>The one-minute load average (runnable and waiting threads), or NaN.</summary>
    public static double LoadAverageOneMinute() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
            ? load
            : double.NaN;

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string[]? StatFields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long? StatusValue(string path, string key)
    {
        try
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    return Long(line[key.Length..].Replace("kB", "", StringComparison.Ordinal).Trim());
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return null;
    }

    private static long Long(string text) => long.Parse(text, CultureInfo.InvariantCulture);
}
