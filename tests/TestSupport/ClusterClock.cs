using Microsoft.Extensions.Time.Testing;

namespace PPipe.TestSupport;

/// <summary>
/// The clock a test cluster's P-PIPE code runs on (grains, the enrollment wakes, the cohort directory, probes,
/// webhooks), and with it grain timers and reminders. It stands still until the test moves it, so scenario time passes
/// exactly as much as the test says, however slow the machine; the silo's own machinery (membership, messaging,
/// directory) stays on real time. Moving it fires whatever fell due on the way, in steps no longer than
/// <see cref="MaxStep"/> (the reminder list's refresh period, so reminders due later than the loading window are
/// loaded and tick on time); a step is over once every timer due by its end has run.
/// </summary>
public sealed class ClusterClock
{
    /// <summary>The longest single move of the clock; the reminder service refreshes its list this often.</summary>
    public static readonly TimeSpan MaxStep = TimeSpan.FromSeconds(1);

    /// <summary>Where a cluster clock starts unless told otherwise: a fixed date, so nothing depends on when the test runs.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2031, 2, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>How long a step waits for the timers it set off to run.</summary>
    private static readonly TimeSpan TimerDeadline = TimeSpan.FromSeconds(30);

    /// <summary>How long a step spins for the timers to run before it waits for them asynchronously.</summary>
    private static readonly TimeSpan SpinFor = TimeSpan.FromMilliseconds(5);

    private readonly SemaphoreSlim _moving = new(1, 1);

    /// <param name="start">The clock's first instant; <see cref="DefaultStart"/> when null.</param>
    public ClusterClock(DateTimeOffset? start = null) => Time = new FakeTimeProvider(start ?? DefaultStart);

    public FakeTimeProvider Time { get; }

    public DateTimeOffset UtcNow => Time.GetUtcNow();

    /// <summary>
    /// Moves the clock on by <paramref name="span"/> in steps of at most <see cref="MaxStep"/>, yielding after each, and
    /// after each waiting for <paramref name="settled"/> (e.g. for the work the step set off to finish).
    /// </summary>
    public async Task AdvanceAsync(TimeSpan span, Func<Task>? settled = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(span, TimeSpan.Zero);
        await _moving.WaitAsync();
        try
        {
            var target = UtcNow + span;
            do
            {
                var step = target - UtcNow < MaxStep ? target - UtcNow : MaxStep;
                Time.Advance(step);
                await DueTimersFiredAsync();
                await Task.Yield();
                if (settled is not null)
                {
                    await settled();
                }
            }
            while (UtcNow < target);
        }
        finally
        {
            _moving.Release();
        }
    }

    /// <summary>
    /// Returns once every timer that fell due by now has run. <see cref="FakeTimeProvider"/> runs due timers on whichever
    /// thread gets to it first, and every read of the clock tries: when a grain reads it while the clock moves, the grain's
    /// thread may run the step's timers after <see cref="FakeTimeProvider.Advance(TimeSpan)"/> has returned. It runs the
    /// earliest due first (the earliest scheduled among equals), so a timer set now for now runs after all of them.
    /// </summary>
    private async Task DueTimersFiredAsync()
    {
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var marker = Time.CreateTimer(_ => fired.TrySetResult(), null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        // It ran on this thread at once when no other thread was running timers; else that thread usually gets to it within
        // microseconds, sooner than an await would resume (a test that moves the clock an hour takes 3,600 steps).
        if (!fired.Task.IsCompleted && !SpinWait.SpinUntil(() => fired.Task.IsCompleted, SpinFor)
            && await Task.WhenAny(fired.Task, Task.Delay(TimerDeadline)) != fired.Task)
        {
            throw new TimeoutException($"The timers due at {this} had not all run after {TimerDeadline.TotalSeconds:0} s.");
        }
    }

    /// <summary>Moves the clock on to <paramref name="at"/> (nothing when that has passed); see <see cref="AdvanceAsync"/>.</summary>
    public Task AdvanceToAsync(DateTimeOffset at, Func<Task>? settled = null) =>
        AdvanceAsync(at > UtcNow ? at - UtcNow : TimeSpan.Zero, settled);

    public override string ToString() => Time.ToString();
}
