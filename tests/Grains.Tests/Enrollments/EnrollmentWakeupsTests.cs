using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PPipe.Grains.Enrollments;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Enrollments;

public sealed class EnrollmentWakeupsTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2031, 2, 3, 9, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<GrainId> _woken = new();
    private readonly EnrollmentWakeups _wakeups;

    public EnrollmentWakeupsTests() =>
        _wakeups = new EnrollmentWakeups(Wake, _time, NullLogger<EnrollmentWakeups>.Instance);

    public void Dispose() => _wakeups.Dispose();

    [Fact]
    public void WakeAt_Future_WakesOnceWhenDueAndNotBefore()
    {
        var alice = Enrollment("alice");
        _wakeups.WakeAt(alice, _time.GetUtcNow().AddSeconds(10));

        _time.Advance(TimeSpan.FromSeconds(9.999));
        Assert.Empty(_woken);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal([alice], _woken);
        Assert.Equal(0, _wakeups.Count);
    }

    [Fact]
    public void WakeAt_Past_WakesAtOnce()
    {
        var alice = Enrollment("alice");

        _wakeups.WakeAt(alice, _time.GetUtcNow().AddSeconds(-3));
        _time.Advance(TimeSpan.Zero);

        Assert.Equal([alice], _woken);
    }

    [Fact]
    public void WakeAt_MovedEarlier_WakesAtTheNewTimeOnly()
    {
        var alice = Enrollment("alice");
        _wakeups.WakeAt(alice, _time.GetUtcNow().AddMinutes(10));

        _wakeups.WakeAt(alice, _time.GetUtcNow().AddMinutes(1));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([alice], _woken);

        _time.Advance(TimeSpan.FromMinutes(20));
        Assert.Single(_woken);
    }

    [Fact]
    public void WakeAt_MovedLater_DoesNotWakeAtTheOldTime()
    {
        var alice = Enrollment("alice");
        _wakeups.WakeAt(alice, _time.GetUtcNow().AddMinutes(1));

        _wakeups.WakeAt(alice, _time.GetUtcNow().AddMinutes(10));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Empty(_woken);

        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal([alice], _woken);
    }

    [Fact]
    public void Cancel_BeforeDue_NeverWakes()
    {
        var alice = Enrollment("alice");
        _wakeups.WakeAt(alice, _time.GetUtcNow().AddSeconds(30));

        _wakeups.Cancel(alice);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Empty(_woken);
        Assert.Equal(0, _wakeups.Count);
    }

    [Fact]
    public void WakeAt_ManyEnrollments_EachWokenAtItsOwnTime()
    {
        var start = _time.GetUtcNow();
        var sameRelease = Enumerable.Range(0, 500).Select(i => Enrollment($"s{i}")).ToList();
        var later = Enrollment("late");
        foreach (var enrollment in sameRelease)
        {
            _wakeups.WakeAt(enrollment, start.AddMinutes(1));
        }

        _wakeups.WakeAt(later, start.AddMinutes(2));
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(sameRelease.ToHashSet(), _woken.ToHashSet());
        Assert.Equal(sameRelease.Count, _woken.Count);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(later, _woken.Last());
    }

    [Fact]
    public void WakeAt_BeyondTheLongestWait_StillWakesWhenDue()
    {
        var alice = Enrollment("alice");
        _wakeups.WakeAt(alice, _time.GetUtcNow().AddDays(60));

        for (var day = 1; day < 60; day++)
        {
            _time.Advance(TimeSpan.FromDays(1));
        }

        Assert.Empty(_woken);
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal([alice], _woken);
    }

    [Fact]
    public void WakeAt_RescheduledOftenBeforeDue_WakesOnceAtTheLastRequest()
    {
        var alice = Enrollment("alice");
        for (var i = 0; i < 5_000; i++)
        {
            _wakeups.WakeAt(alice, _time.GetUtcNow().AddHours(10).AddSeconds(-i));
        }

        _time.Advance(TimeSpan.FromHours(10) - TimeSpan.FromSeconds(5_000));
        Assert.Empty(_woken);

        _time.Advance(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromHours(10));
        Assert.Equal([alice], _woken);
    }

    [Fact]
    public async Task Wake_OneFails_OthersStillWoken()
    {
        var failing = Enrollment("failing");
        var others = new[] { Enrollment("a"), Enrollment("b") };
        var woken = new ConcurrentQueue<GrainId>();
        using var wakeups = new EnrollmentWakeups(
            id => id == failing ? Task.FromException(new InvalidOperationException("silo gone")) : Record(woken, id),
            _time, NullLogger<EnrollmentWakeups>.Instance);
        wakeups.WakeAt(failing, _time.GetUtcNow().AddSeconds(1));
        foreach (var other in others)
        {
            wakeups.WakeAt(other, _time.GetUtcNow().AddSeconds(1));
        }

        _time.Advance(TimeSpan.FromSeconds(1));
        await Task.Yield();

        Assert.Equal(others.ToHashSet(), woken.ToHashSet());
    }

    [Fact]
    public void Wake_Fails_TriedAgainAfterDoublingDelaysUntilItSucceeds()
    {
        var alice = Enrollment("alice");
        var attempts = new List<TimeSpan>();
        var start = _time.GetUtcNow();
        using var wakeups = new EnrollmentWakeups(
            id =>
            {
                attempts.Add(_time.GetUtcNow() - start);
                return attempts.Count <= 3 ? Task.FromException(new TimeoutException("cohort read timed out")) : Task.CompletedTask;
            },
            _time, NullLogger<EnrollmentWakeups>.Instance);

        wakeups.WakeAt(alice, start);
        for (var i = 0; i < 600; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        // Failed at 0, retried about 1 s later, then 2 s, then 4 s (each spread by ±25 %, so a silo's failed wakes do not
        // retry in step): the fourth attempt succeeds and nothing follows.
        Assert.Equal(4, attempts.Count);
        Assert.Equal(TimeSpan.Zero, attempts[0]);
        foreach (var (gap, planned) in attempts.Zip(attempts.Skip(1), (a, b) => b - a).Zip([1.0, 2, 4]))
        {
            Assert.InRange(gap.TotalSeconds, 0.75 * planned, (1.25 * planned) + 0.1);
        }

        Assert.Equal(0, wakeups.Count);
    }

    [Fact]
    public void Wake_FailsButTheEnrollmentAskedForAnotherWake_OnlyThatOneComes()
    {
        var alice = Enrollment("alice");
        var attempts = new List<TimeSpan>();
        var start = _time.GetUtcNow();
        EnrollmentWakeups? wakeups = null;
        wakeups = new EnrollmentWakeups(
            id =>
            {
                attempts.Add(_time.GetUtcNow() - start);
                if (attempts.Count > 1)
                {
                    return Task.CompletedTask;
                }

                wakeups!.WakeAt(id, start.AddSeconds(10)); // the tick got far enough to ask for its next wake, then failed
                return Task.FromException(new TimeoutException("timed out after scheduling"));
            },
            _time, NullLogger<EnrollmentWakeups>.Instance);
        using var _ = wakeups;

        wakeups.WakeAt(alice, start);
        for (var i = 0; i < 600; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal([0, 10], attempts.Select(a => Math.Round(a.TotalSeconds, 1)));
    }

    [Fact]
    public async Task Backlog_MoreDueAtOnceThanRunAtOnce_CountsThoseWaitingForAPlaceUntilEachIsOver()
    {
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = 0;
        using var wakeups = new EnrollmentWakeups(
            _ =>
            {
                Interlocked.Increment(ref started);
                return held.Task;
            },
            _time, NullLogger<EnrollmentWakeups>.Instance);
        var due = EnrollmentWakeups.MaxInFlight + 10;
        for (var i = 0; i < due; i++)
        {
            wakeups.WakeAt(Enrollment($"s{i}"), _time.GetUtcNow().AddSeconds(1));
        }

        var before = wakeups.Backlog;
        _time.Advance(TimeSpan.FromSeconds(1));
        var whileHeld = (wakeups.Backlog, Volatile.Read(ref started), wakeups.Count);
        held.SetResult();
        var over = await Eventually.ReturnsAsync(() => Task.FromResult(wakeups.Backlog), backlog => backlog == 0, "every wake over",
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(0, before);
        Assert.Equal((due, EnrollmentWakeups.MaxInFlight, 0), whileHeld); // the last ten wait for a place, and are still counted
        Assert.Equal(due, Volatile.Read(ref started));
        Assert.Equal(0, over);
    }

    private static GrainId Enrollment(string student) => GrainId.Create("enrollment", $"c-0123456789ab/{student}");

    private Task Wake(GrainId enrollment) => Record(_woken, enrollment);

    private static Task Record(ConcurrentQueue<GrainId> woken, GrainId enrollment)
    {
        woken.Enqueue(enrollment);
        return Task.CompletedTask;
    }
}
