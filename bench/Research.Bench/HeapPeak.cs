namespace PPipe.Research.Bench;

/// <summary>
/// The highest managed heap seen while something runs, sampled every few milliseconds, above the heap after a full collection
/// just before: how much the run holds at once (what grows with the cohort if memory is not flat).
/// </summary>
internal sealed class HeapPeak : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly long _baseline;
    private long _peak;

    private HeapPeak()
    {
        _baseline = GC.GetTotalMemory(forceFullCollection: true);
        _peak = _baseline;
        _sampling = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                _peak = Math.Max(_peak, GC.GetTotalMemory(false));
                try
                {
                    await Task.Delay(2, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        });
    }

    public static HeapPeak Start() => new();

    /// <summary>The peak above the baseline, in bytes.</summary>
    public long Above => _peak - _baseline;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
