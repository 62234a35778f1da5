using System.Diagnostics;

namespace PPipe.Scenarios.Bench;

/// <summary>One measured case: the median of several timed runs, with bytes written, allocations and peak heap.</summary>
internal sealed record Measurement(string Case, long Rows, long Bytes, TimeSpan Median, long AllocatedBytes, long PeakHeapGrowth)
{
    public double RowsPerSecond => Rows / Median.TotalSeconds;

    public double MegabytesPerSecond => Bytes / 1e6 / Median.TotalSeconds;

    /// <summary>
    /// Runs the cases in turn, <paramref name="runs"/> rounds, rotating which goes first, after two warm-up
    /// rounds. Interleaving means a case and its baseline see the same machine load, so their ratio holds
    /// even on a busy machine. Every run starts from a collected heap.
    /// </summary>
    public static async Task<IReadOnlyList<Measurement>> RunInterleavedAsync(int runs, params (string Name, long Rows, Func<Stream, Task> Write)[] cases)
    {
        for (var warmup = 0; warmup < 2; warmup++)
        {
            foreach (var (_, _, write) in cases)
            {
                await write(new CountingStream());
            }
        }

        var times = cases.Select(_ => new List<TimeSpan>()).ToArray();
        var bytes = new long[cases.Length];
        var allocated = cases.Select(_ => long.MaxValue).ToArray();
        var peaks = new long[cases.Length];
        for (var run = 0; run < runs; run++)
        {
            for (var turn = 0; turn < cases.Length; turn++)
            {
                var index = (run + turn) % cases.Length;
                var (time, written, allocations, peak) = await RunOnceAsync(cases[index].Write);
                times[index].Add(time);
                bytes[index] = written;
                allocated[index] = Math.Min(allocated[index], allocations);
                peaks[index] = Math.Max(peaks[index], peak);
            }
        }

        return [.. cases.Select((c, i) => new Measurement(c.Name, c.Rows, bytes[i], MedianOf(times[i]), allocated[i], peaks[i]))];
    }

    private static async Task<(TimeSpan Time, long Bytes, long Allocated, long PeakHeapGrowth)> RunOnceAsync(Func<Stream, Task> write)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var sink = new CountingStream();

        var clock = Stopwatch.StartNew();
        long peak;
        using (var sampler = HeapSampler.Start())
        {
            await write(sink);
            clock.Stop();
            peak = sampler.Peak - heapBefore;
        }

        return (clock.Elapsed, sink.Length, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore, peak);
    }

    private static TimeSpan MedianOf(List<TimeSpan> times)
    {
        times.Sort();
        return times[times.Count / 2];
    }
}
