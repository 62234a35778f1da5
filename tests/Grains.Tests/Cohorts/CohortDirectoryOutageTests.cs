using Microsoft.Extensions.Time.Testing;
using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Interfaces.Cohorts;

namespace PPipe.Grains.Tests.Cohorts;

/// <summary>
/// The cohort directory when its read of a cohort hangs or fails, as when the cohort's silo has just died: requests of
/// a cohort read before go on with the last known view instead of waiting for the cluster's response timeout. Reads are
/// scripted; the clock is fake.
/// </summary>
public sealed class CohortDirectoryOutageTests
{
    private static readonly DateTimeOffset T0 = new(2031, 2, 3, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Real time a caller may take to be answered once the fake clock says it should be: it fails the test, never hangs it.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(T0);
    private readonly Queue<Task<CohortInfo?>> _reads = new();

    [Fact]
    public async Task Get_ReadHangs_CallersGetTheLastKnownViewOnceThePatienceIsOverAndLaterOnesAtOnce()
    {
        var directory = Directory();
        var hanging = new TaskCompletionSource<CohortInfo?>();
        _reads.Enqueue(Task.FromResult<CohortInfo?>(Cohort("Spring")));
        _reads.Enqueue(hanging.Task);
        await directory.GetAsync("c-1");
        _time.Advance(CohortDirectory.StaleLimit);

        var waiting = directory.GetAsync("c-1").AsTask();
        var beforeThePatience = waiting.IsCompleted;
        _time.Advance(CohortDirectory.ReadPatience);
        var first = await waiting.WaitAsync(Guard, TestContext.Current.CancellationToken);
        var later = directory.GetAsync("c-1");

        Assert.False(beforeThePatience);
        Assert.Equal("Spring", first?.Name);
        Assert.True(later.IsCompleted);
        Assert.Equal("Spring", (await later)?.Name);
        Assert.Empty(_reads); // one read at a time, even while it hangs
    }

    [Fact]
    public async Task Get_HangingReadAnswersAtLast_TheNewViewFromThenOn()
    {
        var directory = Directory();
        var hanging = new TaskCompletionSource<CohortInfo?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _reads.Enqueue(Task.FromResult<CohortInfo?>(Cohort("Spring")));
        _reads.Enqueue(hanging.Task);
        await directory.GetAsync("c-1");
        _time.Advance(CohortDirectory.StaleLimit);
        var waiting = directory.GetAsync("c-1").AsTask();
        _time.Advance(CohortDirectory.ReadPatience);
        var duringTheHang = await waiting.WaitAsync(Guard, TestContext.Current.CancellationToken);
        var readsDuringTheHang = directory.ReadsInFlight;

        hanging.SetResult(Cohort("Spring, renamed"));
        var after = await Eventually(directory, "Spring, renamed");

        Assert.Equal("Spring", duringTheHang?.Name);
        Assert.Equal(1, readsDuringTheHang);
        Assert.Equal("Spring, renamed", after);
        Assert.Equal(0, directory.ReadsInFlight);
    }

    [Fact]
    public async Task Get_ReadAnsweredLate_ItsViewIsAsOldAsTheReadsStart()
    {
        var directory = Directory();
        var slow = new TaskCompletionSource<CohortInfo?>(); // completes inline, so the answer has landed when SetResult returns
        _reads.Enqueue(Task.FromResult<CohortInfo?>(Cohort("Spring")));
        _reads.Enqueue(slow.Task);
        _reads.Enqueue(Task.FromResult<CohortInfo?>(Cohort("Spring, paused")));
        await directory.GetAsync("c-1");
        _time.Advance(CohortDirectory.Freshness);
        await directory.GetAsync("c-1"); // served the known view; a read is sent now and answers 2.5 s later
        _time.Advance(TimeSpan.FromSeconds(2.5));
        slow.SetResult(Cohort("Spring, as sent"));

        _time.Advance(CohortDirectory.StaleLimit - TimeSpan.FromSeconds(2.5) + TimeSpan.FromMilliseconds(100));
        var beyondTheStaleLimitOfTheRead = await directory.GetAsync("c-1").AsTask().WaitAsync(Guard, TestContext.Current.CancellationToken);

        Assert.Equal("Spring, paused", beyondTheStaleLimitOfTheRead?.Name);
        Assert.Empty(_reads);
    }

    [Fact]
    public async Task Get_ReadFails_LastKnownViewServed()
    {
        var directory = Directory();
        _reads.Enqueue(Task.FromResult<CohortInfo?>(Cohort("Spring")));
        _reads.Enqueue(Task.FromException<CohortInfo?>(new TimeoutException("the cohort's silo does not answer")));
        await directory.GetAsync("c-1");
        _time.Advance(CohortDirectory.StaleLimit);

        var served = await directory.GetAsync("c-1");

        Assert.Equal("Spring", served?.Name);
        Assert.Equal(0, directory.ReadsInFlight); // a failed read is over too
    }

    [Fact]
    public async Task Get_ReadFailsWithNoViewYoungerThanTheOutageLimit_TheCallerGetsTheFailure()
    {
        var directory = Directory();
        _reads.Enqueue(Task.FromResult<CohortInfo?>(Cohort("Spring")));
        _reads.Enqueue(Task.FromException<CohortInfo?>(new TimeoutException("the cohort's silo does not answer")));
        _reads.Enqueue(Task.FromException<CohortInfo?>(new TimeoutException("the cohort's silo does not answer")));
        await directory.GetAsync("c-1");
        _time.Advance(CohortDirectory.OutageLimit);

        await Assert.ThrowsAsync<TimeoutException>(() => directory.GetAsync("c-1").AsTask());
        await Assert.ThrowsAsync<TimeoutException>(() => Directory().GetAsync("c-2").AsTask()); // never read: nothing to fall back on
    }

    private CohortDirectory Directory() => new(_ => _reads.Dequeue(), _time);

    private static CohortInfo Cohort(string name) =>
        new("c-1", name, "taxi-fares", 1, CohortClock.Create(T0.AddDays(-1), 1), TimeSpan.FromDays(28), T0.AddDays(-2), 100);

    /// <summary>Asks until the directory shows <paramref name="name"/> (the answered read lands on another thread).</summary>
    private async Task<string?> Eventually(CohortDirectory directory, string name)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await directory.GetAsync("c-1"))?.Name == name)
            {
                return name;
            }

            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        return null;
    }
}
