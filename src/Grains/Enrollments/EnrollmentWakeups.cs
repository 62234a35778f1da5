using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PPipe.Grains.Diagnostics;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Enrollments;

/// <summary>
/// Wakes each enrollment on this silo when its next event is due, with one timer for all of them. The reminder is
/// coarse (<see cref="EnrollmentOptions.TickPeriod"/>) and only the safety net; between its ticks an enrollment asks
/// to be woken at the exact time of its next release, probe slot or deadline. A grain timer per enrollment would cost
/// about half a kilobyte each; here an enrollment costs an entry in a table and one in a queue. A wake is a call to
/// <see cref="IEnrollmentGrain.TickAsync"/>, which is idempotent, so a wake that reaches an enrollment with nothing due (it moved, or was woken already) does no
/// harm. At most <see cref="MaxInFlight"/> wakes run at once, so a release that falls due for a whole cohort at the same
/// moment queues here instead of flooding activations and storage. A wake that fails (a timeout, storage briefly
/// unavailable) is tried again after a growing, spread delay, up to <see cref="MaxRetryDelay"/>, until it succeeds or
/// the enrollment asks for another wake; failures are logged together, at most once per <see cref="FailureLogEvery"/>.
/// A wake lost with its silo is caught up when the cluster sweeps the roster after the loss (or by the next reminder tick).
/// </summary>
internal sealed partial class EnrollmentWakeups : IDisposable
{
    /// <summary>The furthest ahead the timer is armed; a wake that comes early finds nothing due and arms it again.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    /// <summary>The wait before a failed wake is tried again the first time; it doubles with each failure in a row.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before a failed wake is tried again.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>Wakes under way at once on this silo; the rest wait their turn.</summary>
    public const int MaxInFlight = 128;

    /// <summary>Failed wakes are logged as one line per this period, however many there were.</summary>
    public static readonly TimeSpan FailureLogEvery = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _inFlight = new(MaxInFlight, MaxInFlight);

    private readonly Func<GrainId, Task> _wake;
    private readonly PPipeMetrics? _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<EnrollmentWakeups> _logger;
    private readonly ITimer _timer;
    private readonly Lock _lock = new();

    /// <summary>When each enrollment wants to be woken (UTC ticks); the queue's entries that disagree are stale.</summary>
    private readonly Dictionary<GrainId, long> _due = [];
    private readonly PriorityQueue<GrainId, long> _queue = new();

    /// <summary>Enrollments whose last wake failed, with the number of failures in a row.</summary>
    private readonly Dictionary<GrainId, int> _failures = [];
    private readonly LogTally _failureLog;
    private long _armedFor = long.MaxValue;
    private int _backlog;

    [ActivatorUtilitiesConstructor]
    public EnrollmentWakeups(IGrainFactory grains, TimeProvider time, ILogger<EnrollmentWakeups> logger, PPipeMetrics metrics)
        : this(enrollment => grains.GetGrain<IEnrollmentGrain>(enrollment).TickAsync(), time, logger, metrics)
    {
    }

    /// <summary>Wakes with <paramref name="wake"/> instead of a grain call (for tests of the timing alone).</summary>
    public EnrollmentWakeups(Func<GrainId, Task> wake, TimeProvider time, ILogger<EnrollmentWakeups> logger, PPipeMetrics? metrics = null)
    {
        _wake = wake;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _failureLog = new LogTally(FailureLogEvery, time);
        _timer = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Enrollments waiting for a wake.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _due.Count;
            }
        }
    }

    /// <summary>
    /// Wakes that fell due and are not over yet: waiting for one of the <see cref="MaxInFlight"/> places, or running. A
    /// wake is counted from the moment its time comes, so a wake queued behind others is never missing from both this
    /// and <see cref="Count"/>.
    /// </summary>
    public int Backlog => Volatile.Read(ref _backlog);

    /// <summary>Wakes <paramref name="enrollment"/> at <paramref name="at"/> (at once if that has passed), replacing any earlier request.</summary>
    public void WakeAt(GrainId enrollment, DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        lock (_lock)
        {
            if (_due.TryGetValue(enrollment, out var current) && current == ticks)
            {
                return;
            }

            _due[enrollment] = ticks;
            _queue.Enqueue(enrollment, ticks);
            if (_queue.Count > 2 * _due.Count + 1024)
            {
                Compact();
            }

            Arm();
        }
    }

    /// <summary>Forgets the enrollment's wake (it finished, or its activation is going away).</summary>
    public void Cancel(GrainId enrollment)
    {
        lock (_lock)
        {
            _due.Remove(enrollment);
            _failures.Remove(enrollment);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _inFlight.Dispose();
    }

    private void Fire()
    {
        List<(GrainId Enrollment, long DueTicks)> due = [];
        lock (_lock)
        {
            _armedFor = long.MaxValue;
            var now = _time.GetUtcNow().UtcTicks;
            while (_queue.TryPeek(out var enrollment, out var ticks) && ticks <= now)
            {
                _queue.Dequeue();
                if (_due.TryGetValue(enrollment, out var wanted) && wanted == ticks)
                {
                    _due.Remove(enrollment);
                    due.Add((enrollment, ticks));
                }
            }

            Arm();
        }

        foreach (var (enrollment, dueTicks) in due)
        {
            Interlocked.Increment(ref _backlog);
            _ = WakeAsync(enrollment, dueTicks);
        }
    }

    private async Task WakeAsync(GrainId enrollment, long dueTicks)
    {
        await _inFlight.WaitAsync();
        var lateness = TimeSpan.FromTicks(_time.GetUtcNow().UtcTicks - dueTicks);
        try
        {
            await _wake(enrollment);
            _metrics?.WakeRan(lateness);
            lock (_lock)
            {
                _failures.Remove(enrollment);
            }
        }
        catch (Exception e)
        {
            _metrics?.WakeFailed(lateness);
            TimeSpan? retryIn = null;
            lock (_lock)
            {
                var failures = _failures[enrollment] = _failures.GetValueOrDefault(enrollment) + 1;
                if (!_due.ContainsKey(enrollment)) // else the enrollment asked for a wake of its own meanwhile
                {
                    var delay = FirstRetryDelay * Math.Pow(2, Math.Min(failures - 1, 16));
                    retryIn = (delay < MaxRetryDelay ? delay : MaxRetryDelay) * (0.75 + (Random.Shared.NextDouble() / 2));
                }
            }

            LogFailure(enrollment, retryIn, e);
            if (retryIn is { } wait)
            {
                WakeAt(enrollment, _time.GetUtcNow() + wait);
            }
        }
        finally
        {
            _inFlight.Release();
            Interlocked.Decrement(ref _backlog);
        }
    }

    /// <summary>Each failure at debug level; a warning with the count and the latest failure at most once per <see cref="FailureLogEvery"/>.</summary>
    private void LogFailure(GrainId enrollment, TimeSpan? retryIn, Exception error)
    {
        LogWakeFailed(_logger, enrollment, retryIn, error);
        if (_failureLog.Add() is { } failed)
        {
            LogWakesFailed(_logger, failed, enrollment, error.GetType().Name, error.Message);
        }
    }

    /// <summary>Points the timer at the earliest live request, dropping stale entries on the way.</summary>
    private void Arm()
    {
        while (_queue.TryPeek(out var enrollment, out var ticks) && !(_due.TryGetValue(enrollment, out var wanted) && wanted == ticks))
        {
            _queue.Dequeue();
        }

        if (!_queue.TryPeek(out _, out var next) || next >= _armedFor)
        {
            return;
        }

        var wait = TimeSpan.FromTicks(Math.Max(0, next - _time.GetUtcNow().UtcTicks));
        _armedFor = next;
        _timer.Change(wait > MaxWait ? MaxWait : wait, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Rebuilds the queue from the live requests once stale entries outnumber them.</summary>
    private void Compact()
    {
        _queue.Clear();
        foreach (var (enrollment, ticks) in _due)
        {
            _queue.Enqueue(enrollment, ticks);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Waking enrollment {Enrollment} failed; trying again in {RetryIn} (none: it asked for another wake)")]
    private static partial void LogWakeFailed(ILogger logger, GrainId enrollment, TimeSpan? retryIn, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failed} enrollment wake(s) failed since the last report; each is tried again after a growing delay. Latest: {Enrollment}, {Error}: {Reason}")]
    private static partial void LogWakesFailed(ILogger logger, long failed, GrainId enrollment, string error, string reason);
}
