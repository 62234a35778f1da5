namespace PPipe.Frontend.Components.Shared;

/// <summary>
/// Re-reads a live page every <c>every</c> until disposed. A refresh that fails (a silo failing over) is
/// skipped: the page keeps what it shows and tries again on the next tick.
/// </summary>
public sealed class PageRefresh : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private PageRefresh(TimeSpan every, TimeProvider time, Func<Task> refresh) => _loop = RunAsync(every, time, refresh, _stop.Token);

    public static PageRefresh Start(TimeSpan every, TimeProvider time, Func<Task> refresh) => new(every, time, refresh);

    private static async Task RunAsync(TimeSpan every, TimeProvider time, Func<Task> refresh, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await refresh();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Keep the last view; the next tick tries again.
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
