namespace PPipe.Grains.Tests.Infrastructure;

/// <summary>
/// The enrollment wakes the test silos have set off and that are not over yet. A wake starts when the clock reaches its
/// time, on the thread that moves the clock, so once a move returns, the ticks it set off are known here, and
/// <see cref="SettledAsync"/> waits for them (and for any they set off in turn): what they did is then in the grains.
/// </summary>
public sealed class WakesInFlight
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly Lock _lock = new();
    private readonly HashSet<Task> _running = [];

    /// <summary>Follows <paramref name="wake"/> until it is over, whatever its outcome; returns it unchanged.</summary>
    public Task Track(Task wake)
    {
        lock (_lock)
        {
            _running.Add(wake);
        }

        wake.ContinueWith(
            done =>
            {
                lock (_lock)
                {
                    _running.Remove(done);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return wake;
    }

    /// <summary>Returns once no wake is running; a failed wake counts as over (the silo logs it and tries again later).</summary>
    public async Task SettledAsync()
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            Task[] running;
            lock (_lock)
            {
                running = [.. _running.Where(t => !t.IsCompleted)];
            }

            if (running.Length == 0)
            {
                return;
            }

            var all = Task.WhenAll(running);
            if (await Task.WhenAny(all, Task.Delay(deadline - DateTime.UtcNow > TimeSpan.Zero ? deadline - DateTime.UtcNow : TimeSpan.Zero)) != all)
            {
                throw new TimeoutException($"{running.Length} enrollment wake(s) still running after {Deadline.TotalSeconds:0} s.");
            }
        }
    }
}
