namespace PPipe.TestSupport;

/// <summary>
/// Waits for a condition that depends on real asynchronous work (a request reaching a loopback server, a process
/// starting) with a deadline, checking often and yielding in between, instead of sleeping for a guessed time. Not for
/// letting scenario time pass: a test moves a <see cref="ClusterClock"/> for that.
/// </summary>
public static class Eventually
{
    /// <summary>The deadline when a test names none: long enough for a loaded two-core machine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The first wait between checks; it grows to <see cref="LongestPoll"/> for conditions that take a while
    /// (a process starting), so a slow wait does not keep the machine busy.</summary>
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(5);

    private static readonly TimeSpan LongestPoll = TimeSpan.FromMilliseconds(200);

    /// <summary>Returns once <paramref name="condition"/> holds; throws a <see cref="TimeoutException"/> naming <paramref name="what"/>
    /// (and showing <paramref name="diagnostics"/>, e.g. a silo's captured logs) when it does not within the deadline.</summary>
    public static async Task HoldsAsync(
        Func<bool> condition, string what, TimeSpan? timeout = null, object? diagnostics = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var poll = FirstPoll;
        while (!condition())
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s waiting for {what}.{Show(diagnostics)}");
            }

            await Task.Delay(poll, cancellationToken);
            poll = Next(poll);
        }
    }

    /// <summary>
    /// Calls <paramref name="probe"/> until what it returns satisfies <paramref name="done"/>, and returns that. A probe
    /// that throws counts as not done yet (a server still starting); the timeout names the last value and error.
    /// </summary>
    public static async Task<T> ReturnsAsync<T>(
        Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var poll = FirstPoll;
        T last = default!;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                last = await probe();
                if (done(last))
                {
                    return last;
                }

                lastError = null;
            }
            catch (Exception e) when (e is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
            {
                lastError = e;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException(
                    $"Timed out after {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s waiting for {what}. Last value: {last}", lastError);
            }

            await Task.Delay(poll, cancellationToken);
            poll = Next(poll);
        }
    }

    private static TimeSpan Next(TimeSpan poll) => poll * 2 < LongestPoll ? poll * 2 : LongestPoll;

    private static string Show(object? diagnostics) => diagnostics is null ? "" : "\n" + diagnostics;
}
