using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Infrastructure;

public sealed class ClusterClockTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Another thread runs the fake clock's due timers (as a grain reading the clock may): the step's own timer runs on it,
    /// after the move itself has returned. The step must not be over before that timer has run.
    /// </summary>
    [Fact]
    public async Task AdvanceAsync_DueTimersRunOnAnotherThread_OverOnlyOnceTheyHaveRun()
    {
        var clock = new ClusterClock();
        using var release = new ManualResetEventSlim();
        var busy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var blocking = clock.Time.CreateTimer(_ => { busy.TrySetResult(); release.Wait(); }, null, Second, Timeout.InfiniteTimeSpan);
        var ran = false;
        using var stepTimer = clock.Time.CreateTimer(_ => ran = true, null, 2 * Second, Timeout.InfiniteTimeSpan);

        // A thread of its own moves the clock by one second and runs the first timer, which holds it there.
        var other = Task.Run(() => clock.Time.Advance(Second), TestContext.Current.CancellationToken);
        await busy.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var step = clock.AdvanceAsync(Second);
        var first = await Task.WhenAny(step, Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken));
        release.Set();
        await step;
        await other;

        Assert.NotSame(step, first);
        Assert.True(ran);
    }

    [Fact]
    public async Task AdvanceAsync_NothingElseRunningTimers_TimersDueOnTheWayRunBeforeItReturns()
    {
        var clock = new ClusterClock();
        var ran = new List<int>();
        using var early = clock.Time.CreateTimer(_ => ran.Add(1), null, Second, Timeout.InfiniteTimeSpan);
        using var late = clock.Time.CreateTimer(_ => ran.Add(2), null, 3 * Second, Timeout.InfiniteTimeSpan);
        using var after = clock.Time.CreateTimer(_ => ran.Add(3), null, 5 * Second, Timeout.InfiniteTimeSpan);

        await clock.AdvanceAsync(3 * Second);

        Assert.Equal([1, 2], ran);
    }
}
