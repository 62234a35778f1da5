using System.Collections.Concurrent;
using PPipe.Grains.Interfaces.Channels;
using PPipe.Grains.Interfaces.Enrollments;

namespace PPipe.Grains.Tests.Infrastructure;

/// <summary>
/// Every webhook notification the test silos hand to a delivery worker, recorded as it is handed out (a silo's outgoing
/// call filter, run in the handing enrollment's turn). Deliveries are one-way and reach the receiver some time later;
/// this says, as soon as the enrollment's call returns, what it sent, so a test can count notifications exactly.
/// </summary>
public sealed class WebhookHandOuts
{
    private readonly ConcurrentQueue<WebhookNotice> _notices = new();

    /// <summary>The releases handed out for <paramref name="enrollment"/>, one entry per hand-out, in order.</summary>
    public IReadOnlyList<int> SeqsOf(IEnrollmentGrain enrollment)
    {
        var key = enrollment.GetPrimaryKeyString();
        return [.. _notices.Where(n => n.Enrollment.ToString() == key).Select(n => n.Seq)];
    }

    public Task InvokeAsync(IOutgoingGrainCallContext context)
    {
        if (context.Request.GetArgumentCount() == 1 && context.Request.GetArgument(0) is WebhookNotice notice)
        {
            _notices.Enqueue(notice);
        }

        return context.Invoke();
    }
}
