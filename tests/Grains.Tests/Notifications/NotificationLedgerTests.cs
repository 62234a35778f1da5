using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Notifications;
using static PPipe.Grains.Tests.Notifications.Notices;

namespace PPipe.Grains.Tests.Notifications;

/// <summary>The outbox and history of one recipient: bounded, and every delivery report moves them on once.</summary>
public sealed class NotificationLedgerTests
{
    private const NotificationChannel Both = NotificationChannel.Email | NotificationChannel.Chat;

    [Fact]
    public void Post_FullOutbox_OldestDroppedCountedAndShown()
    {
        var ledger = new NotificationLedger();

        for (var i = 1; i <= NotificationLedger.OutboxCapacity + 2; i++)
        {
            ledger.Post(Message(ledger.NextId("c-1/ada"), decidedAt: i));
        }

        Assert.Equal(NotificationLedger.OutboxCapacity, ledger.Outbox.Count);
        Assert.Equal("c-1/ada/n3", ledger.Outbox[0].Id);
        Assert.Equal(2, ledger.Dropped);
        Assert.Equal(NotificationLedger.RecentCapacity, ledger.Recent.Count);
        Assert.Equal($"c-1/ada/n{NotificationLedger.OutboxCapacity + 2}", ledger.Recent[0].Id);
    }

    [Fact]
    public void Post_NoChannel_RecordedAsSentWithoutWaiting()
    {
        var ledger = new NotificationLedger();

        ledger.Post(Message("m1", to: Ada with { Email = null, ChatUrl = null }));

        Assert.Empty(ledger.Outbox);
        Assert.Equal(NotificationStatus.Sent, Assert.Single(ledger.Recent).Status);
    }

    [Fact]
    public void Record_DeliveredOnEveryChannel_LeavesTheOutboxAsSent()
    {
        var ledger = new NotificationLedger();
        ledger.Post(Message("m1"));

        var first = ledger.Record(Delivered("m1", NotificationChannel.Email, 1));
        var pendingAfterMail = ledger.Recent[0].Status;
        var second = ledger.Record(Delivered("m1", NotificationChannel.Chat, 2));

        Assert.True(first && second);
        Assert.Equal(NotificationStatus.Pending, pendingAfterMail);
        Assert.Empty(ledger.Outbox);
        var entry = Assert.Single(ledger.Recent);
        Assert.Equal((NotificationStatus.Sent, At(2), Both), (entry.Status, entry.FinishedAt, entry.Channels));
    }

    [Fact]
    public void Record_FailureWorthRetrying_StaysInTheOutboxWithItsError()
    {
        var ledger = new NotificationLedger();
        ledger.Post(Message("m1"));

        Assert.True(ledger.Record(Failed("m1", NotificationChannel.Email, 1, permanent: false, "mail: connection refused")));

        var message = Assert.Single(ledger.Outbox);
        Assert.Equal(Both, message.Remaining);
        Assert.Equal("mail: connection refused", message.LastError);
        Assert.Equal((NotificationStatus.Pending, "mail: connection refused"), (ledger.Recent[0].Status, ledger.Recent[0].Error));
    }

    [Fact]
    public void Record_OneChannelRefusesForGood_FailedOnceTheOtherIsDone()
    {
        var ledger = new NotificationLedger();
        ledger.Post(Message("m1"));

        ledger.Record(Failed("m1", NotificationChannel.Chat, 1, permanent: true, "chat: HTTP 404"));
        var whileMailPending = (ledger.Outbox.Count, ledger.Recent[0].Status);
        ledger.Record(Delivered("m1", NotificationChannel.Email, 2));

        Assert.Equal((1, NotificationStatus.Failed), whileMailPending);
        Assert.Empty(ledger.Outbox);
        Assert.Equal((NotificationStatus.Failed, "chat: HTTP 404"), (ledger.Recent[0].Status, ledger.Recent[0].Error));
    }

    [Fact]
    public void Record_RepeatedOrUnknown_ChangesNothing()
    {
        var ledger = new NotificationLedger();
        ledger.Post(Message("m1"));
        ledger.Record(Delivered("m1", NotificationChannel.Email, 1));

        Assert.False(ledger.Record(Delivered("m1", NotificationChannel.Email, 2)));
        Assert.False(ledger.Record(Delivered("m9", NotificationChannel.Email, 2)));
    }

    [Fact]
    public void Expire_DecidedLongerAgoThanTheGiveUpTime_FailedAndGone()
    {
        var ledger = new NotificationLedger();
        ledger.Post(Message("old", decidedAt: 0));
        ledger.Post(Message("new", decidedAt: 50));
        ledger.Record(Failed("old", NotificationChannel.Email, 10, permanent: false, "mail: 451 try later"));

        var expired = ledger.Expire(At(60), TimeSpan.FromHours(1));

        Assert.True(expired);
        Assert.Equal(["new"], ledger.Outbox.Select(m => m.Id));
        var entry = ledger.Recent.Single(e => e.Id == "old");
        Assert.Equal(NotificationStatus.Failed, entry.Status);
        Assert.Contains("mail: 451 try later", entry.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Mute_KindTurnedOff_HeldAndWaitingMessagesOfItGone()
    {
        var ledger = new NotificationLedger();
        var windows = new NotificationWindows(TimeSpan.FromHours(1));
        windows.Offer(ledger, [Event(NotificationKind.BatchOpened, "b1", 0)], At(0));
        windows.Offer(ledger, [Event(NotificationKind.BatchOpened, "b2", 10)], At(10));
        ledger.Post(Message("m1", NotificationKind.BatchOpened));
        ledger.Post(Message("m2", NotificationKind.Announcement));

        Assert.True(ledger.Mute(NotificationKind.BatchOpened, At(11)));

        Assert.Equal(["m2"], ledger.Outbox.Select(m => m.Id));
        Assert.Empty(windows.Flush(ledger, At(120)));
        Assert.Equal(NotificationStatus.Dropped, ledger.Recent.Single(e => e.Id == "m1").Status);
    }
}
