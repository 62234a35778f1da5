using System.Globalization;

namespace PPipe.Api.Bench;

/// <summary>
/// Where the machine's CPU went during a run, from /proc: the front end, this process with the tools it
/// waited for (wrk), and everything else (other processes, hypervisor steal). A run during which other
/// work took a noticeable share of the 2 cores is not comparable with the others, so the report marks it.
/// </summary>
public sealed class CpuSampler(int frontendId)
{
    public sealed record Usage(double FrontendCores, double BenchAndWrkCores, double OtherCores);

    private sealed record Sample(long Total, long Busy, long Frontend, long Self);

    private Sample? _start;

    public void Start() => _start = Read();

    public Usage Stop()
    {
        var start = _start ?? throw new InvalidOperationException("Start the sampler first.");
        var end = Read();
        // /proc/stat counts every core; its ticks per core over the interval give the unit.
        var ticksPerCore = (end.Total - start.Total) / (double)Environment.ProcessorCount;
        if (ticksPerCore <= 0)
        {
            return new Usage(0, 0, 0);
        }

        var frontend = (end.Frontend - start.Frontend) / ticksPerCore;
        var self = (end.Self - start.Self) / ticksPerCore;
        var busy = (end.Busy - start.Busy) / ticksPerCore;
        return new Usage(frontend, self, Math.Max(0, busy - frontend - self));
    }

    private Sample Read()
    {
        // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user)
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..9].Select(Ticks).ToArray();
        var total = cpu.Sum();
        var busy = total - cpu[3] - cpu[4];
        return new Sample(total, busy, ProcessTicks($"/proc/{frontendId}/stat", withChildren: false), ProcessTicks("/proc/self/stat", withChildren: true));
    }

    /// <summary>utime + stime (fields 14, 15), and with children cutime + cstime (16, 17): children this process has waited for.</summary>
    private static long ProcessTicks(string path, bool withChildren)
    {
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        var ticks = Ticks(fields[11]) + Ticks(fields[12]);
        return withChildren ? ticks + Ticks(fields[13]) + Ticks(fields[14]) : ticks;
    }

    private static long Ticks(string field) => long.Parse(field, CultureInfo.InvariantCulture);
}
