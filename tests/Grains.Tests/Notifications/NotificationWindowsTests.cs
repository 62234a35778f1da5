using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Notifications;
using static PPipe.Grains.Tests.Notifications.Notices;

namespace PPipe.Grains.Tests.Notifications;

/// <summary>One message per kind per recipient per hour, digests for the rest.</summary>
public sealed class NotificationWindowsTests
{
    private static readonly NotificationWindows Hourly = new(TimeSpan.FromHours(1));

    [Fact]
    public void Offer_FirstEventOfItsKind_SentAtOnceAndOpensTheWindow()
    {
        var ledger = new NotificationLedger();

        var decisions = Hourly.Offer(ledger, [Event(NotificationKind.BatchOpened, "batch-1-opened", 0)], At(0));

        var decision = Assert.Single(decisions);
        Assert.Equal(NotificationKind.BatchOpened, decision.Kind);
        Assert.Equal(["batch-1-opened"], Keys(decision));
        Assert.Equal(0, decision.Omitted);
        Assert.Equal(At(0), ledger.WindowOf(NotificationKind.BatchOpened).OpenedAt);
    }

    [Fact]
    public void Offer_MoreOfTheKindWithinTheWindow_HeldThenOneDigestWhenTheWindowEnds()
    {
        var ledger = new NotificationLedger();
        Hourly.Offer(ledger, [Event(NotificationKind.BatchOpened, "batch-1-opened", 0)], At(0));

        var during = Hourly.Offer(ledger, [Event(NotificationKind.BatchOpened, "batch-2-opened", 20)], At(20))
            .Concat(Hourly.Offer(ledger, [Event(NotificationKind.BatchOpened, "batch-3-opened", 40)], At(40)))
            .Concat(Hourly.Flush(ledger, At(59.9)))
            .ToList();
        var next = Hourly.NextFlush(ledger);
        var digest = Hourly.Flush(ledger, At(60));

        Assert.Empty(during);
        Assert.Equal(At(60), next);
        var decision = Assert.Single(digest);
        Assert.Equal(["batch-2-opened", "batch-3-opened"], Keys(decision));
        Assert.Equal(At(60), ledger.WindowOf(NotificationKind.BatchOpened).OpenedAt);
        Assert.Null(Hourly.NextFlush(ledger));
    }

    [Fact]
    public void Offer_AfterTheWindowWithEventsStillHeld_OneMessageWithThemAll()
    {
        var ledger = new NotificationLedger();
        Hourly.Offer(ledger, [Event(NotificationKind.BatchMissed, "batch-1-missed", 0)], At(0));
        Hourly.Offer(ledger, [Event(NotificationKind.BatchMissed, "batch-2-missed", 30)], At(30));

        // Nobody flushed at minute 60 (the owner was not woken): the next event takes the held one along.
        var decisions = Hourly.Offer(ledger, [Event(NotificationKind.BatchMissed, "batch-3-missed", 90)], At(90));

        Assert.Equal(["batch-2-missed", "batch-3-missed"], Keys(Assert.Single(decisions)));
    }

    [Fact]
    public void Offer_SeveralNewEventsOfAClosedKindAtOnce_OneMessage()
    {
        var ledger = new NotificationLedger();

        var decisions = Hourly.Offer(ledger,
            [Event(NotificationKind.BatchOpened, "batch-1-opened", 0), Event(NotificationKind.BatchOpened, "batch-2-opened", 0)], At(5));

        Assert.Equal(["batch-1-opened", "batch-2-opened"], Keys(Assert.Single(decisions)));
    }

    [Fact]
    public void Offer_EachKind_HasItsOwnWindow()
    {
        var ledger = new NotificationLedger();
        Hourly.Offer(ledger, [Event(NotificationKind.BatchOpened, "batch-1-opened", 0)], At(0));

        var decisions = Hourly.Offer(ledger,
            [Event(NotificationKind.BatchDueSoon, "batch-1-due-soon", 10), Event(NotificationKind.Endpoint, "endpoint-1-down", 10)], At(10));

        Assert.Equal([NotificationKind.BatchDueSoon, NotificationKind.Endpoint], decisions.Select(d => d.Kind).Order());
    }

    [Fact]
    public void Offer_AnEventTakenBefore_NeverToldAgain()
    {
        var ledger = new NotificationLedger();
        Hourly.Offer(ledger, [Event(NotificationKind.Announcement, "announcement-1", 0)], At(0));

        var again = Hourly.Offer(ledger, [Event(NotificationKind.Announcement, "announcement-1", 0)], At(120));
        var flushed = Hourly.Flush(ledger, At(240));

        Assert.Empty(again);
        Assert.Empty(flushed);
    }

    [Fact]
    public void Offer_MoreHeldThanADigestKeeps_NewestKeptAndTheRestCounted()
    {
        var ledger = new NotificationLedger();
        Hourly.Offer(ledger, [Event(NotificationKind.Endpoint, "e-0", 0)], At(0));
        for (var i = 1; i <= KindWindow.HeldCapacity + 3; i++)
        {
            Hourly.Offer(ledger, [Event(NotificationKind.Endpoint, $"e-{i}", i)], At(i));
        }

        var digest = Assert.Single(Hourly.Flush(ledger, At(60)));

        Assert.Equal(KindWindow.HeldCapacity, digest.Events.Length);
        Assert.Equal(3, digest.Omitted);
        Assert.Equal("e-4", digest.Events[0].Key);
        Assert.Equal($"e-{KindWindow.HeldCapacity + 3}", digest.Events[^1].Key);
    }

    [Fact]
    public void Offer_KeysRemembered_Bounded()
    {
        var ledger = new NotificationLedger();

        for (var i = 0; i < 100; i++)
        {
            Hourly.Offer(ledger, [Event(NotificationKind.BatchOpened, $"batch-{i}-opened", i * 61)], At(i * 61));
        }

        Assert.Equal(KindWindow.KeyCapacity, ledger.WindowOf(NotificationKind.BatchOpened).Keys.Count);
    }
}
