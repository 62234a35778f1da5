using System.Collections.Concurrent;
using PPipe.Grains.Interfaces.Channels;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Tests.Infrastructure;

/// <summary>
/// Every webhook notification the test silos hand to a delivery worker, recorded as it is handed out (a silo's outgoing
/// call filter, run in the handing enrollment's turn). Deliveries are one-way and reach the receiver some time later;
/// this says, as soon as the enrollment's call returns, what it sent, so a test can count notifications exactly.
/// <para>
/// It also counts the deliveries still under way: from the hand-out until the worker's call is over (a silo's incoming
/// call filter), its report to the enrollment included. A delivery runs on real time while the cluster's clock is the
/// test's: were the clock to move on while one is out, the enrollment would take it for a delivery that never reported
/// and send it again after its redelivery delay, and the sender would time its attempt out. A clock step therefore waits
/// for them (<see cref="WakesInFlight"/>), except for the requests a test holds open on purpose (<see cref="Holding"/>).
/// </para>
/// </summary>
public sealed class WebhookHandOuts
{
    private readonly ConcurrentQueue<WebhookNotice> _notices = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Enrollment, int Seq), int> _out = [];
    private int _held;

    /// <summary>The releases handed out for <paramref name="enrollment"/>, one entry per hand-out, in order.</summary>
    public IReadOnlyList<int> SeqsOf(IEnrollmentGrain enrollment)
    {
        var key = enrollment.GetPrimaryKeyString();
        return [.. _notices.Where(n => n.Enrollment.ToString() == key).Select(n => n.Seq)];
    }

    /// <summary>Deliveries handed out by the silos and not over yet, less those a test holds (<see cref="Holding"/>).</summary>
    public int InFlight
    {
        get
        {
            lock (_lock)
            {
                return Math.Max(0, _out.Values.Sum() - _held);
            }
        }
    }

    /// <summary>
    /// For a test whose receiver holds <paramref name="requests"/> request(s) open on purpose: until the scope is disposed,
    /// a clock step does not wait for that many deliveries.
    /// </summary>
    public IDisposable Holding(int requests)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requests);
        lock (_lock)
        {
            _held += requests;
        }

        return new Release(() =>
        {
            lock (_lock)
            {
                _held -= requests;
            }
        });
    }

    /// <summary>The silos' outgoing call filter: records a hand-out and counts its delivery as under way.</summary>
    public Task InvokeAsync(IOutgoingGrainCallContext context)
    {
        if (context.Request.GetArgumentCount() == 1 && context.Request.GetArgument(0) is WebhookNotice notice)
        {
            _notices.Enqueue(notice);
            var key = Key(notice);
            lock (_lock)
            {
                _out[key] = _out.GetValueOrDefault(key) + 1;
            }
        }

        return context.Invoke();
    }

    /// <summary>
    /// The silos' incoming call filter: a delivery a silo handed out is over once its worker's call is. A delivery the
    /// test client sent a worker itself was never counted, so it is not uncounted either.
    /// </summary>
    public async Task DeliveredAsync(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        finally
        {
            if (context.Request.GetArgumentCount() == 1 && context.Request.GetArgument(0) is WebhookNotice notice)
            {
                Uncount(Key(notice));
            }
        }
    }

    private void Uncount((string, int) key)
    {
        lock (_lock)
        {
            if (!_out.TryGetValue(key, out var count))
            {
                return;
            }

            if (count == 1)
            {
                _out.Remove(key);
            }
            else
            {
                _out[key] = count - 1;
            }
        }
    }

    private static (string, int) Key(WebhookNotice notice) => (notice.Enrollment.ToString(), notice.Seq);

    private sealed class Release(Action release) : IDisposable
    {
        private Action? _release = release;

        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
