using System.Text.Json;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Mail;
using PPipe.Grains.Notifications;
using PPipe.Grains.Tests.Enrollments;
using PPipe.Grains.Tests.Infrastructure;
using PPipe.TestSupport;

namespace PPipe.Grains.Tests.Notifications;

/// <summary>
/// A student's notifications as the enrollment decides them from its own events, on the cluster's clock: a scenario day
/// is a wall minute, batches open on days 1, 2 and 3 and are due 12 scenario hours (30 s) later, the reminder comes 6
/// scenario hours (15 s) before; one message per kind per 30 s window.
/// </summary>
[Collection(QuietClusterCollection.Name)]
public sealed class StudentNotificationTests(ClusterFixture fixture)
{
    private const double Speed = 1440;
    private static readonly TimeSpan ScenarioDay = TimeSpan.FromMinutes(1);

    private const string Spec = """
        template: taxi-fares
        duration: 4d
        releases: {first: 0d, cadence: 1d, rows: 10, channel: api}
        batches: {first: 1d, cadence: 1d, rows: 20, dueAfter: 12h, labelDelay: 12h}
        endpoint: {enabled: false}
        drift: []
        quirks: []
        grading: {criteria: {acquisition: 1, batchQuality: 1}}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tick_BatchOpens_OneMailToTheRosterAddressWithItsUnsubscribeLink()
    {
        var (enrollment, cohortId, startsAt) = await EnrollAsync();

        await fixture.AdvanceToAsync(startsAt + ScenarioDay + TimeSpan.FromSeconds(1));
        var mails = await MailsAsync(cohortId, 1);
        var view = await SentAsync(enrollment, 1);

        var mail = Assert.Single(mails);
        Assert.Equal(("ada@example.org", "Ada"), (mail.ToAddress, mail.ToName));
        Assert.Equal("P-PIPE · test: Batch 1 is open", mail.Subject);
        Assert.False(mail.Transactional);
        Assert.Equal("https://ppipe.test/api/v1/unsubscribe", mail.UnsubscribeUrl!.GetLeftPart(UriPartial.Path));
        Assert.Equal(new(cohortId, "ada", NotificationKind.BatchOpened), MailsSent.Claims(mail));
        Assert.Contains("https://ppipe.test/unsubscribe?token=", mail.TextBody, StringComparison.Ordinal);
        Assert.Matches("^notify\\.[0-9a-f]{32}$", mail.MessageId);
        Assert.Equal(NotificationDispatcher.MessageIdOf($"{cohortId}/ada/n1"), mail.MessageId);
        var entry = Assert.Single(view.Recent);
        Assert.Equal((NotificationKind.BatchOpened, NotificationStatus.Sent, NotificationChannel.Email), (entry.Kind, entry.Status, entry.Channels));
    }

    [Fact]
    public async Task Tick_BatchWithNothingSubmitted_OpenedDueSoonAndMissedEachToldOnce()
    {
        var (enrollment, cohortId, startsAt) = await EnrollAsync();

        await fixture.AdvanceToAsync(startsAt + 1.55 * ScenarioDay);
        await MailsAsync(cohortId, 3);
        await enrollment.TickAsync();
        await enrollment.TickAsync();
        await SentAsync(enrollment, 3);

        // Decided in one tick, the three are delivered by the dispatcher's workers side by side, in any order.
        var mails = fixture.Mails.Accepted(cohortId);
        Assert.Equal([NotificationKind.BatchOpened, NotificationKind.BatchDueSoon, NotificationKind.BatchMissed],
            mails.Select(m => MailsSent.Claims(m)!.Kind).Order());
        Assert.Contains("Late predictions are taken until", mails.Single(m => MailsSent.Claims(m)!.Kind == NotificationKind.BatchMissed).TextBody,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tick_SubmittedBeforeTheReminder_NeitherReminderNorMissed()
    {
        var (enrollment, cohortId, startsAt) = await EnrollAsync();
        await fixture.AdvanceToAsync(startsAt + ScenarioDay + TimeSpan.FromSeconds(1));
        await MailsAsync(cohortId, 1);

        var result = await enrollment.SubmitPredictionsAsync(1, new BatchSubmission(new double[20], null));
        await fixture.AdvanceToAsync(startsAt + 1.9 * ScenarioDay);
        await enrollment.TickAsync();

        Assert.Equal(SubmissionStatus.Accepted, result.Status);
        Assert.Equal([NotificationKind.BatchOpened], fixture.Mails.Accepted(cohortId).Select(m => MailsSent.Claims(m)!.Kind));
    }

    [Fact]
    public async Task Tick_KindMuted_OnlyTheOthersTold()
    {
        var (enrollment, cohortId, startsAt) = await EnrollAsync();
        await enrollment.SetNotificationPreferencesAsync(NotificationPreferences.Default with { Muted = [NotificationKind.BatchOpened, NotificationKind.BatchDueSoon] });

        await fixture.AdvanceToAsync(startsAt + 1.55 * ScenarioDay);
        await MailsAsync(cohortId, 1);
        await enrollment.TickAsync();

        Assert.Equal([NotificationKind.BatchMissed], fixture.Mails.Accepted(cohortId).Select(m => MailsSent.Claims(m)!.Kind));
    }

    [Fact]
    public async Task Tick_MoreOfAKindWithinTheWindow_OneDigestWhenItEnds()
    {
        // Batches every 6 scenario hours (15 s): the first is told at once, the next two within its 30 s window are held.
        var (enrollment, cohortId, startsAt) = await EnrollAsync(Spec.Replace("cadence: 1d, rows: 20", "cadence: 6h, rows: 20", StringComparison.Ordinal));
        await enrollment.SetNotificationPreferencesAsync(NotificationPreferences.Default with { Muted = [NotificationKind.BatchDueSoon, NotificationKind.BatchMissed] });

        await fixture.AdvanceToAsync(startsAt + ScenarioDay + TimeSpan.FromSeconds(29));
        var duringWindow = (await MailsAsync(cohortId, 1)).Count;
        await fixture.AdvanceToAsync(startsAt + ScenarioDay + TimeSpan.FromSeconds(31));
        var mails = await MailsAsync(cohortId, 2);
        var view = await SentAsync(enrollment, 2);

        Assert.Equal(1, duringWindow);
        Assert.Equal(["P-PIPE · test: Batch 1 is open", "P-PIPE · test: 2 batches opened"], mails.Select(m => m.Subject));
        Assert.Contains("Batch 2 is open", mails[1].TextBody, StringComparison.Ordinal);
        Assert.Contains("Batch 3 is open", mails[1].TextBody, StringComparison.Ordinal);
        Assert.Equal([2, 1], view.Recent.Select(e => e.Events));
        Assert.True(view.Recent[0].DecidedAt - view.Recent[1].DecidedAt >= ClusterFixture.NotificationWindow);
    }

    [Fact]
    public async Task Tick_ChatWebhook_TextPostedUnsignedAndNoMail()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        var (enrollment, cohortId, startsAt) = await EnrollAsync();
        await enrollment.SetNotificationPreferencesAsync(new NotificationPreferences(false, receiver.Url.ToString(), ChatFormat.Slack, []));

        await fixture.AdvanceToAsync(startsAt + ScenarioDay + TimeSpan.FromSeconds(1));
        await TestEnrollments.ReceivedAsync(receiver, r => r.Count == 1, "the chat message");
        var view = await SentAsync(enrollment, 1);

        var request = Assert.Single(receiver.Received);
        Assert.StartsWith("P-PIPE · test: Batch 1 is open\n", request.Json.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Object, request.Json.ValueKind);
        Assert.Single(request.Json.EnumerateObject());
        Assert.Equal("", request.Signature);
        Assert.Empty(fixture.Mails.Attempts(cohortId));
        Assert.Equal(NotificationChannel.Chat, view.Recent[0].Channels);
    }

    [Fact]
    public async Task Tick_ChatRefusesForGood_FailedOnceAndNotTriedAgain()
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        receiver.Answer = (_, _) => Task.FromResult(404);
        var (enrollment, _, startsAt) = await EnrollAsync();
        await enrollment.SetNotificationPreferencesAsync(new NotificationPreferences(false, receiver.Url.ToString(), ChatFormat.Discord, []));

        await fixture.AdvanceToAsync(startsAt + ScenarioDay + TimeSpan.FromSeconds(1));
        var view = await Eventually.ReturnsAsync(enrollment.GetNotificationsAsync, v => v.Recent is [{ Status: NotificationStatus.Failed }],
            "the notification failed", cancellationToken: Ct);
        await fixture.AdvanceAsync(3 * ClusterFixture.NotificationRedeliverAfter);

        Assert.Equal("chat: HTTP 404", view.Recent[0].Error);
        Assert.Single(receiver.Received);
        Assert.True(receiver.Received.Single().Json.TryGetProperty("content", out _));
    }

    [Fact]
    public async Task Delivery_MailServerDownOnce_SentAgainAfterTheRedeliveryDelayWithTheSameMessageId()
    {
        var (enrollment, cohortId, startsAt) = await EnrollAsync();
        var refused = 0;
        fixture.Mails.When(cohortId, _ => Interlocked.Increment(ref refused) == 1 ? throw new MailDeliveryException("connection refused") : Task.CompletedTask);

        await fixture.AdvanceToAsync(startsAt + ScenarioDay + TimeSpan.FromSeconds(1));
        var pending = await Eventually.ReturnsAsync(enrollment.GetNotificationsAsync, v => v.Recent is [{ Status: NotificationStatus.Pending, Error: not null }],
            "the first attempt refused and reported", cancellationToken: Ct);
        await UntilSentAsync(enrollment);

        var attempts = fixture.Mails.Attempts(cohortId);
        Assert.Equal(2, attempts.Count);
        Assert.Equal(attempts[0].MessageId, attempts[1].MessageId);
        Assert.Single(fixture.Mails.Accepted(cohortId));
        Assert.Equal("mail: connection refused", pending.Recent[0].Error);
    }

    [Fact]
    public async Task Delivery_ActivationLostWhileUndelivered_NextActivationSendsItOnce()
    {
        var (enrollment, cohortId, startsAt) = await EnrollAsync();
        var down = true;
        fixture.Mails.When(cohortId, _ => Volatile.Read(ref down) ? throw new MailDeliveryException("connection refused") : Task.CompletedTask);
        await fixture.AdvanceToAsync(startsAt + ScenarioDay + TimeSpan.FromSeconds(1));
        await Eventually.ReturnsAsync(enrollment.GetNotificationsAsync, v => v.Recent is [{ Error: not null }], "the first attempt refused and reported",
            cancellationToken: Ct);

        // What a silo dying looks like to the enrollment: the activation that decided and handed out is gone. Well within
        // the redelivery delay, a call brings the enrollment back, and its first tick hands the message out again.
        await fixture.Cluster.DeactivateAsync(enrollment);
        Volatile.Write(ref down, false);
        await fixture.Clock.AdvanceAsync(TimeSpan.FromSeconds(1));
        await enrollment.GetNotificationsAsync();
        await UntilSentAsync(enrollment);
        await fixture.AdvanceAsync(3 * ClusterFixture.NotificationRedeliverAfter);

        Assert.Single(fixture.Mails.Accepted(cohortId));
        Assert.Equal(2, fixture.Mails.Attempts(cohortId).Count);
        Assert.Equal(fixture.Mails.Attempts(cohortId)[0].MessageId, fixture.Mails.Accepted(cohortId)[0].MessageId);
    }

    [Fact]
    public async Task Announce_SameAnnouncementTwice_ToldOnce()
    {
        var (enrollment, cohortId, startsAt) = await EnrollAsync();
        var announcement = new Announcement(cohortId, 1, "Lab moved", "The lab is on Friday this week.", startsAt);

        await enrollment.AnnounceAsync(announcement);
        await enrollment.AnnounceAsync(announcement);
        var mails = await MailsAsync(cohortId, 1);
        await SentAsync(enrollment, 1);

        var mail = Assert.Single(mails);
        Assert.Equal("P-PIPE · test: Lab moved", mail.Subject);
        Assert.Contains("The lab is on Friday this week.", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(NotificationKind.Announcement, MailsSent.Claims(mail)!.Kind);
    }

    [Fact]
    public async Task Mute_FromAnUnsubscribeLink_KindOffAndWhatWasWaitingDropped()
    {
        var (enrollment, cohortId, _) = await EnrollAsync();
        fixture.Mails.When(cohortId, _ => throw new MailDeliveryException("connection refused"));
        await enrollment.AnnounceAsync(new Announcement(cohortId, 1, "One", "First.", fixture.Clock.UtcNow));

        var muted = await enrollment.MuteNotificationsAsync(NotificationKind.Announcement);
        var again = await enrollment.MuteNotificationsAsync(NotificationKind.Announcement);
        var view = await enrollment.GetNotificationsAsync();

        Assert.True(muted);
        Assert.False(again);
        Assert.Equal([NotificationKind.Announcement], view.Preferences.Muted);
        Assert.Equal(NotificationStatus.Dropped, Assert.Single(view.Recent).Status);
    }

    private async Task<(IEnrollmentGrain Enrollment, string CohortId, DateTimeOffset StartsAt)> EnrollAsync(string spec = Spec)
    {
        var startsAt = fixture.Clock.UtcNow + TestEnrollments.Lead;
        var (enrollment, cohort) = await TestEnrollments.EnrollAsync(fixture.Client, spec, startsAt, Speed);
        return (enrollment, cohort.GetPrimaryKeyString(), startsAt);
    }

    private async Task<IReadOnlyList<OutgoingMail>> MailsAsync(string cohortId, int count)
    {
        try
        {
            return await Eventually.ReturnsAsync(() => Task.FromResult(fixture.Mails.Accepted(cohortId)), m => m.Count >= count, $"{count} mail(s)",
                cancellationToken: Ct);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{await StateAsync(cohortId)}", e);
        }
    }

    /// <summary>
    /// Moves the clock a redelivery delay at a time until the enrollment's one notification is reported sent: a hand-out
    /// that crosses the report of the attempt before is dropped by the silo's senders and made again a delay later.
    /// </summary>
    private async Task UntilSentAsync(IEnrollmentGrain enrollment)
    {
        try
        {
            await fixture.AdvanceUntilAsync(enrollment.GetNotificationsAsync, v => v.Recent is [{ Status: NotificationStatus.Sent }],
                ClusterFixture.NotificationRedeliverAfter, "the notification reported sent");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{await StateAsync(enrollment.GetPrimaryKeyString().Split('/')[0])}", e);
        }
    }

    /// <summary>For a failure message: the mails tried and accepted, ada's notifications, the clock and the silos' warnings.</summary>
    private async Task<string> StateAsync(string cohortId)
    {
        var view = await fixture.Client.GetGrain<IEnrollmentGrain>($"{cohortId}/ada").GetNotificationsAsync();
        return $"Accepted: {string.Join("; ", fixture.Mails.Accepted(cohortId).Select(m => m.Subject))}\n" +
            $"Attempts: {string.Join("; ", fixture.Mails.Attempts(cohortId).Select(m => m.MessageId))}\n" +
            $"Notifications: {string.Join("\n", view.Recent)}\nClock {fixture.Clock.UtcNow:O}\n{fixture.Logs}";
    }

    private static Task<StudentNotifications> SentAsync(IEnrollmentGrain enrollment, int count) =>
        Eventually.ReturnsAsync(enrollment.GetNotificationsAsync, v => v.Recent.Count(e => e.Status == NotificationStatus.Sent) >= count,
            $"{count} notification(s) reported sent", cancellationToken: Ct);
}
