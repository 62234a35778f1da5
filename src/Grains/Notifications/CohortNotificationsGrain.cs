using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Client.Scenarios;
using PPipe.Grains.Client.Surveys;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Interfaces.Roster;

namespace PPipe.Grains.Notifications;

/// <summary>
/// A cohort's notifications (see <see cref="ICohortNotificationsGrain"/>). Announcements are delivered by a grain timer,
/// a paced step at a time: <see cref="Step"/> of wall time per step, <see cref="NotificationOptions.AnnouncementRate"/>
/// students per second at most, <see cref="NotificationOptions.AnnouncementConcurrency"/> at once, each student's
/// enrollment deciding for itself; the position is written after every step. A reminder, every
/// <see cref="NotificationOptions.CohortCheckPeriod"/> while there is a contact, a delivery under way or a survey notice
/// to come, brings the grain back after its silo died, looks at the cohort for the alert and the daily digest, and starts
/// the survey notices due. It calls roster pages (to list students and summarize), survey shards and enrollments, none of
/// which calls it, so no call waits on itself.
/// </summary>
internal sealed partial class CohortNotificationsGrain(
    [PersistentState("cohort-notifications", StorageNames.Default)] IPersistentState<CohortNotificationsState> state,
    CohortDirectory cohorts,
    CohortSummaries summaries,
    ScenarioCatalog scenarios,
    SurveyInstrumentCatalog instruments,
    Notifier notifier,
    TimeProvider time,
    ILogger<CohortNotificationsGrain> logger) : Grain, ICohortNotificationsGrain, IRemindable
{
    /// <summary>Wall time between two steps of an announcement's delivery.</summary>
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    private const string ReminderName = "cohort-notifications";
    private const int SigningKeyLength = 32;

    private readonly Dictionary<string, DateTimeOffset> _handedOut = new(StringComparer.Ordinal);
    private readonly Dictionary<int, ImmutableArray<RosterEntry>> _pages = [];
    private IGrainTimer? _delivering;
    private IGrainTimer? _nextCheck;

    private CohortNotificationsState Record => state.State;

    private string CohortId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Record.Announcements.Exists(a => a.CompletedAt is null) || Record.SurveyNotices.Exists(n => n.CompletedAt is null))
        {
            StartDelivering();
        }

        // After a silo died: what this cohort's instructor was not yet sent goes out again now.
        var now = time.GetUtcNow();
        notifier.HandOut(this.GetGrainId(), Record.Ledger, _handedOut, now);
        ArmNextCheck(now);
        return Task.CompletedTask;
    }

    public Task<CohortNotifications> GetAsync() => Task.FromResult(View());

    public async Task<CohortNotifications> SetAlertsAsync(CohortAlerts alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var now = time.GetUtcNow();
        if (alerts.ContactEmail != Record.Alerts.ContactEmail || Record.DigestSince is null)
        {
            Record.DigestSince = now;
        }

        Record.Alerts = alerts;
        if (!alerts.DailyDigest)
        {
            Record.Ledger.Mute(NotificationKind.CohortDigest, now);
        }

        if (!alerts.EndpointAlerts)
        {
            Record.Ledger.Mute(NotificationKind.CohortAlert, now);
            Record.Alert = Record.Alert with { Raised = false };
        }

        await WriteAsync();
        await KeepReminderAsync();
        return View();
    }

    public async Task<AnnouncementStatus> PostAnnouncementAsync(string subject, string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(subject.Length, Announcement.MaxSubjectLength, nameof(subject));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(text.Length, Announcement.MaxTextLength, nameof(text));
        var announcement = new Announcement(CohortId, ++Record.LastAnnouncement, subject, text, time.GetUtcNow());
        var delivery = new AnnouncementDelivery { Announcement = announcement };
        Record.Announcements.Add(delivery);
        while (Record.Announcements.Count > CohortNotificationsState.AnnouncementCapacity)
        {
            var dropped = Record.Announcements[0];
            Record.Announcements.RemoveAt(0);
            if (dropped.CompletedAt is null)
            {
                LogDeliveryAbandoned(CohortId, dropped.Announcement.Seq);
            }
        }

        await WriteAsync();
        await KeepReminderAsync();
        StartDelivering();
        return delivery.Status;
    }

    public Task<ImmutableArray<AnnouncementStatus>> GetAnnouncementsAsync() =>
        Task.FromResult<ImmutableArray<AnnouncementStatus>>([.. Record.Announcements.AsEnumerable().Reverse().Select(a => a.Status)]);

    public async Task<ImmutableArray<byte>> GetSigningKeyAsync()
    {
        if (Record.SigningKey is not { Length: SigningKeyLength })
        {
            Record.SigningKey = RandomNumberGenerator.GetBytes(SigningKeyLength);
            await WriteAsync();
        }

        return [.. Record.SigningKey];
    }

    public async Task<bool> MuteAsync(NotificationKind kind)
    {
        var alerts = Record.Alerts;
        var changed = kind switch
        {
            NotificationKind.CohortDigest when alerts.DailyDigest => alerts with { DailyDigest = false },
            NotificationKind.CohortAlert when alerts.EndpointAlerts => alerts with { EndpointAlerts = false },
            _ => null,
        };
        if (changed is null)
        {
            return false;
        }

        await SetAlertsAsync(changed);
        return true;
    }

    public async Task RecordNotificationDeliveryAsync(DeliveryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Record.Ledger.Record(report))
        {
            await WriteAsync();
            ArmNextCheck(time.GetUtcNow());
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName)
        {
            await CheckAsync();
        }
    }

    /// <summary>Looks at the cohort for the alert and the digest, and hands out what the instructor is owed; keeps the reminder only while needed.</summary>
    internal async Task CheckAsync()
    {
        var now = time.GetUtcNow();
        var events = new List<NotificationEvent>();
        if (Record.Alerts is { ContactEmail: not null } alerts && await cohorts.GetAsync(CohortId) is { } cohort)
        {
            var status = cohort.StatusAt(now);
            var digestDue = alerts.DailyDigest && status is CohortStatus.Running or CohortStatus.Paused
                && now >= CohortWatch.NextDigestAt(Record.DigestSince ?? now, alerts.DigestHourUtc);
            if (alerts.EndpointAlerts || digestDue)
            {
                var scenario = await scenarios.GetAsync(cohort.ScenarioId, cohort.Version);
                var elapsed = cohort.Clock.ElapsedAt(now);
                var latest = scenarios.ScheduleOf(scenario).Releases.Count(r => r.AvailableAt <= elapsed);
                var summary = await summaries.SummarizeAsync(CohortId, latest);
                if (alerts.EndpointAlerts)
                {
                    var (alert, notice) = CohortWatch.Endpoints(Record.Alert, alerts, summary, now);
                    Record.Alert = alert;
                    if (notice is not null)
                    {
                        events.Add(notice);
                    }
                }

                if (digestDue)
                {
                    var posted = Record.Announcements.Count(a => now - a.Announcement.PostedAt < TimeSpan.FromDays(1));
                    events.Add(CohortWatch.Digest(cohort, summary, posted, now));
                    Record.DigestSince = Record.LastDigestAt = now;
                }
            }

            var recipient = new NotificationRecipient(CohortId, cohort.Name, null, alerts.ContactName ?? "instructor", alerts.ContactEmail, null, default);
            if (notifier.Decide(Record.Ledger, CohortId, recipient, events, now) || events.Count > 0)
            {
                await WriteAsync();
            }
        }

        await StartSurveyNoticesAsync(now);
        notifier.HandOut(this.GetGrainId(), Record.Ledger, _handedOut, now);
        await KeepReminderAsync();
        ArmNextCheck(now);
    }

    /// <summary>
    /// Looks again when the instructor's next digest of held events is due, a message is to be handed out again or a
    /// survey notice is due: the reminder only comes every <see cref="NotificationOptions.CohortCheckPeriod"/>, and not on the dot.
    /// </summary>
    private void ArmNextCheck(DateTimeOffset now)
    {
        _nextCheck?.Dispose();
        _nextCheck = Notifier.Earliest(notifier.NextDue(Record.Ledger, _handedOut), NextSurveyNoticeAt(now)) is { } due
            ? this.RegisterGrainTimer(_ => CheckAsync(), new GrainTimerCreationOptions(due > now ? due - now : TimeSpan.Zero, Timeout.InfiniteTimeSpan))
            : null;
    }

    /// <summary>The reminder runs while there is a contact to tell, a delivery under way, a survey notice to come or a message still to send.</summary>
    private async Task KeepReminderAsync()
    {
        var needed = Record.Alerts.ContactEmail is not null || Record.Announcements.Exists(a => a.CompletedAt is null) || Record.Ledger.Outbox.Count > 0
            || SurveyNoticesPending(time.GetUtcNow());
        var reminder = await this.GetReminder(ReminderName);
        if (needed && reminder is null)
        {
            var period = notifier.Options.CohortCheckPeriod;
            await this.RegisterOrUpdateReminder(ReminderName, period, period);
        }
        else if (!needed && reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private CohortNotifications View() =>
        new(Record.Alerts, Record.Alert.Raised, Record.LastDigestAt, [.. Record.Ledger.Recent]);

    private Task WriteAsync() => this.WriteOrDeactivateAsync(state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cohort {CohortId}: announcement {Seq} dropped from the list before its delivery finished")]
    private partial void LogDeliveryAbandoned(string cohortId, int seq);
}
