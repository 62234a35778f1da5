using System.Diagnostics;

namespace PPipe.Probes.Bench;

/// <summary>
/// One timed run of a case: <c>concurrency</c> loops call it back to back for a fixed time. Counts calls
/// that succeeded and failed, their latencies, and the process CPU time used meanwhile.
/// </summary>
internal sealed record LoadRun(string Case, long Calls, long Failures, TimeSpan Elapsed, double P50Ms, double P99Ms, TimeSpan Cpu)
{
    public double PerSecond => Calls / Elapsed.TotalSeconds;

    /// <summary>Process CPU (both ends: the endpoint runs in this process) per successful call, in microseconds.</summary>
    public double CpuMicrosecondsPerCall => Cpu.TotalMicroseconds / Math.Max(1, Calls);

    public double Cores => Cpu / Elapsed;

    /// <summary>Runs <paramref name="call"/> (worker index, call number → succeeded) from <paramref name="concurrency"/> loops for <paramref name="duration"/>.</summary>
    public static async Task<LoadRun> RunAsync(string name, int concurrency, TimeSpan duration, Func<int, long, Task<bool>> call)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var latencies = Enumerable.Range(0, concurrency).Select(_ => new List<double>(4096)).ToArray();
        long calls = 0, failures = 0;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            for (long n = 0; clock.Elapsed < duration; n++)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await call(worker, n);
                latencies[worker].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref ok ? ref calls : ref failures);
            }
        }));
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var sorted = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadRun(name, calls, failures, elapsed, Percentile(sorted, 0.50), Percentile(sorted, 0.99), cpu);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];
}
