using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Grains.Interfaces.Surveys;
using PPipe.Grains.Notifications;

namespace PPipe.Grains.Enrollments;

/// <summary>
/// The notification half of the enrollment: the student's preferences, and what the enrollment's own events (batches
/// opening and falling due, probes, the grade, announcements, survey notices) mean for them. What to tell and when is decided by
/// <see cref="StudentNotices"/>, <see cref="EndpointWatch"/> and <see cref="NotificationWindows"/>; a decision is part of
/// the turn's state write, and only then handed to the silo's senders (<see cref="NotificationDispatcher"/>), which
/// report each delivery back. What an activation handed out and never heard of again (its silo died) the next one
/// hands out again at its first tick.
/// </summary>
internal sealed partial class EnrollmentGrain
{
    /// <summary>When this activation handed each outbox message to the silo's senders.</summary>
    private readonly Dictionary<string, DateTimeOffset> _noticesHandedOut = new(StringComparer.Ordinal);

    private StudentNotificationState Notices => Record.Notifications ??= new StudentNotificationState();

    public Task<StudentNotifications> GetNotificationsAsync() => Task.FromResult(NotificationsView());

    public async Task<StudentNotifications> SetNotificationPreferencesAsync(NotificationPreferences preferences)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        var now = time.GetUtcNow();
        Notices.Preferences = preferences;
        foreach (var kind in NotificationKinds.Student.Where(k => !preferences.Wants(k)))
        {
            Notices.Ledger.Mute(kind, now);
        }

        await SaveAsync();
        return NotificationsView();
    }

    public async Task<bool> MuteNotificationsAsync(NotificationKind kind)
    {
        if (Record.Student is null)
        {
            return false; // no such student: nothing to write
        }

        var preferences = Notices.EffectivePreferences;
        if (!NotificationKinds.IsStudentKind(kind) || (!preferences.Muted.IsDefault && preferences.Muted.Contains(kind)))
        {
            return false;
        }

        Notices.Preferences = preferences.Mute(kind);
        Notices.Ledger.Mute(kind, time.GetUtcNow());
        await SaveAsync();
        return true;
    }

    public async Task AnnounceAsync(Announcement announcement)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        if (Record is not { Student: not null, Cohort: { } cohort, RemovedAt: null } || announcement.Seq <= Notices.LastAnnouncement)
        {
            return; // told before (a delivery resumed after a silo died asks again), or not enrolled, or removed
        }

        Notices.LastAnnouncement = announcement.Seq;
        var now = time.GetUtcNow();
        var decided = DecideNotifications(
            [new NotificationEvent(NotificationKind.Announcement, $"announcement-{announcement.Seq}", announcement.PostedAt, announcement.Subject, announcement.Text)],
            now);
        await SaveAsync();
        if (decided)
        {
            await HandOutNotificationsAsync(cohort, now);
        }
    }

    public async Task NoticeSurveyAsync(SurveyNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var key = notice.Key;
        if (Record is not { Student: not null, Cohort: { } cohort, RemovedAt: null } || Notices.SurveyNotices.Contains(key))
        {
            return; // told before (a delivery resumed after a silo died asks again), or not enrolled, or removed
        }

        Notices.SurveyNotices.Add(key);
        if (Notices.SurveyNotices.Count > StudentNotificationState.SurveyNoticeCapacity)
        {
            Notices.SurveyNotices.RemoveAt(0);
        }

        var now = time.GetUtcNow();
        var decided = DecideNotifications([SurveyNoticeText.Event(notice, now)], now);
        await SaveAsync();
        if (decided)
        {
            await HandOutNotificationsAsync(cohort, now);
        }
    }

    public async Task RecordNotificationDeliveryAsync(DeliveryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (Record.Notifications?.Ledger is { } ledger && ledger.Record(report))
        {
            if (!ledger.Outbox.Exists(m => m.Id == report.Id))
            {
                _noticesHandedOut.Remove(report.Id);
            }

            await SaveAsync();
        }
    }

    /// <summary>
    /// The batch events since the last look, as a tick sees them; the first look only starts the watch, so a student
    /// enrolled late (or an enrollment older than notifications) is not told the past. True when the state must be
    /// written: the watch started or something was decided. A look that found nothing moves the watch in memory only;
    /// should the activation be lost, the next one looks at that stretch again and finds nothing again, since what it
    /// depends on (outcomes, preferences) is written whenever it changes.
    /// </summary>
    private bool NoticeBatches(Moment at)
    {
        var notices = Notices;
        var from = notices.WatchedUntil;
        if (from is { } watched && at.Elapsed <= watched)
        {
            return DecideNotifications([], at.Now);
        }

        notices.WatchedUntil = at.Elapsed;
        var events = from is { } since && notices.EffectivePreferences.AnyChannel
            ? notifier.Batches.Between(at.Schedule, at.Window, at.Cohort.Clock, Record.Batches, since, at.Elapsed, at.Now)
            : [];
        return DecideNotifications(events, at.Now) || from is null;
    }

    /// <summary>Watches the endpoint through one probe's attempts (its last attempt counts); true when something was decided.</summary>
    private bool NoticeProbe(IReadOnlyList<ProbeResult> attempts)
    {
        if (attempts.Count == 0 || attempts[^1].Slot == ProbeResult.VerificationSlot)
        {
            return false;
        }

        var last = attempts[^1];
        var (watch, notice) = Notices.Endpoint.Observe(last.Ok, last.Error, notifier.Options.EndpointFailures, last.At);
        Notices.Endpoint = watch;
        return notice is not null && DecideNotifications([notice], time.GetUtcNow());
    }

    /// <summary>Tells a change of the overall level (not the first level: nothing was known before); writes and hands out.</summary>
    private async Task NoticeLevelAsync(string? level)
    {
        if (level is null || Record is not { Student: not null, Cohort: { } cohort } || level == Record.Notifications?.Level)
        {
            return;
        }

        var notices = Notices;
        var previous = notices.Level;
        notices.Level = level;
        var now = time.GetUtcNow();
        var decided = previous is not null && DecideNotifications(
            [new NotificationEvent(NotificationKind.GradeLevel, $"level-{++notices.LevelChanges}", now,
                $"Your grade level is now {LevelWords(level)}", $"It was {LevelWords(previous)}. Your page explains each criterion.")],
            now);
        await SaveAsync();
        if (decided)
        {
            await HandOutNotificationsAsync(cohort, now);
        }
    }

    /// <summary>
    /// Lets <paramref name="events"/> the student wants through the windows (with the digests due) into the outbox. True
    /// when the notification state changed: write it before handing anything out.
    /// </summary>
    private bool DecideNotifications(IReadOnlyCollection<NotificationEvent> events, DateTimeOffset now)
    {
        // A removed student is told nothing more.
        if (Record is not { Student: { } student, Cohort: { } cohort, RemovedAt: null })
        {
            return false;
        }

        var preferences = Notices.EffectivePreferences;
        var wanted = events.Where(e => preferences.Wants(e.Kind)).ToList();
        var recipient = new NotificationRecipient(_key.CohortId, cohort.Name, _key.StudentId, student.Name,
            preferences.Email ? student.Email : null, preferences.ChatUrl, preferences.ChatFormat);
        return notifier.Decide(Notices.Ledger, _key.ToString(), recipient, wanted, now);
    }

    /// <summary>Hands the outbox messages due to the silo's senders (after the write) and asks to be woken for what comes next.</summary>
    private async Task HandOutNotificationsAsync(Interfaces.Cohorts.CohortInfo cohort, DateTimeOffset now)
    {
        HandOutNotifications(now);
        await ScheduleWakeAsync(await MomentAsync(cohort));
    }

    private void HandOutNotifications(DateTimeOffset now)
    {
        if (Record.RemovedAt is null && Record.Notifications?.Ledger is { } ledger && (ledger.Outbox.Count > 0 || _noticesHandedOut.Count > 0))
        {
            notifier.HandOut(this.GetGrainId(), ledger, _noticesHandedOut, now);
        }
    }

    /// <summary>When notifications next need the enrollment: a batch event to look at, a digest, a message to hand out again.</summary>
    private DateTimeOffset? NextNotificationWake(Moment at)
    {
        if (Record.Notifications is not { } notices)
        {
            return null;
        }

        DateTimeOffset? batches = null;
        if (notices.EffectivePreferences is var preferences && preferences.AnyChannel
            && (preferences.Wants(NotificationKind.BatchOpened) || preferences.Wants(NotificationKind.BatchDueSoon) || preferences.Wants(NotificationKind.BatchMissed))
            && notifier.Batches.NextAfter(at.Schedule, at.Window, Record.Batches, at.Elapsed) is { } next
            && at.Cohort.Clock.WallTimeAt(next) is { } wall)
        {
            batches = wall + WakePlan.Margin;
        }

        return Notifier.Earliest(batches, notifier.NextDue(notices.Ledger, _noticesHandedOut));
    }

    private StudentNotifications NotificationsView()
    {
        var ledger = Record.Notifications?.Ledger;
        return new StudentNotifications(Record.Notifications?.EffectivePreferences ?? NotificationPreferences.Default, Record.Student?.Email ?? "",
            ledger is null ? [] : [.. ledger.Recent], ledger?.Dropped ?? 0);
    }

    /// <summary>A level as a person reads it: <c>NotYetProficient</c> is "Not yet proficient".</summary>
    private static string LevelWords(string level) =>
        string.Concat(level.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
}
