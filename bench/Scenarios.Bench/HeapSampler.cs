namespace PPipe.Scenarios.Bench;

/// <summary>
/// Samples the managed heap every millisecond on a background thread and keeps the highest reading, so a
/// run's peak can be compared with the heap before it started. Sampling cannot see spikes shorter than a
/// millisecond; the writers' buffers live for the whole run, so they are seen.
/// </summary>
internal sealed class HeapSampler : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stopping;
    private long _peak;

    private HeapSampler()
    {
        _peak = GC.GetTotalMemory(false);
        _thread = new Thread(Sample) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    public long Peak => Interlocked.Read(ref _peak);

    public static HeapSampler Start() => new();

    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
    }

    private void Sample()
    {
        while (!_stopping)
        {
            var now = GC.GetTotalMemory(false);
            if (now > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, now);
            }

            Thread.Sleep(1);
        }
    }
}
