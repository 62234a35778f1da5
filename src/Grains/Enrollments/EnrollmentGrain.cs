using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PPipe.Grains.Channels;
using PPipe.Grains.Cohorts;
using PPipe.Grains.Scenarios;
using PPipe.Scenarios;
using PPipe.Scenarios.Timeline;
using PPipe.Grains.Credentials;
using PPipe.Grains.Roster;

namespace PPipe.Grains.Enrollments;

public sealed partial class EnrollmentGrain(
    [PersistentState("enrollment", StorageNames.Default)] IPersistentState<EnrollmentState> state,
    ScenarioCatalog scenarios,
    IOptions<EnrollmentOptions> options,
    TimeProvider time,
    ILogger<EnrollmentGrain> logger) : Grain, IEnrollmentGrain, IRemindable
{
    private const string ReminderName = "tick";
    private IGrainTimer? _wake;

    public async Task InitializeAsync(EnrollmentInit init)
    {
        var record = state.State;
        var previousCredential = record.Student is null ? null : record.CredentialKey;
        if (record.Student is null)
        {
            var key = EnrollmentKey.Parse(this.GetPrimaryKeyString());
            record.Seed = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
            var bucket = new BucketCredentials(BucketKeys.BucketOf(key), BucketKeys.NewAccessKeyId(), BucketKeys.NewSecret());
            if (!await GrainFactory.GetGrain<IBucketKeyGrain>(BucketKeys.GrainKeyOf(bucket.AccessKeyId)).BindAsync(key, bucket.SecretAccessKey))
            {
                throw new InvalidOperationException("A freshly generated bucket access key collided with an existing one.");
            }

            record.Bucket = bucket;
            record.EnrolledAt = init.EnrolledAt;
        }

        record.Student = init.Student;
        record.Cohort = init.Cohort;
        record.CredentialKey = init.CredentialKey;
        await SaveAsync();
        await this.RegisterOrUpdateReminder(ReminderName, options.Value.TickPeriod, options.Value.TickPeriod);

        if (previousCredential is not null && previousCredential != init.CredentialKey)
        {
            await GrainFactory.GetGrain<ICredentialGrain>(previousCredential).RevokeAsync();
        }
    }

    public Task<EnrollmentSnapshot?> GetAsync()
    {
        var record = state.State;
        if (record.Student is null || record.Cohort is null || record.Bucket is null)
        {
            return Task.FromResult<EnrollmentSnapshot?>(null);
        }

        return Task.FromResult<EnrollmentSnapshot?>(new EnrollmentSnapshot(
            EnrollmentKey.Parse(this.GetPrimaryKeyString()),
            record.Student,
            record.Cohort,
            record.Seed,
            record.EnrolledAt,
            record.Bucket,
            record.WebhookUrl,
            record.EndpointUrl,
            [.. record.Fetches],
            [.. record.WebhookAttempts]));
    }

    public async Task<bool> RecordFetchAsync(int seq, string channel)
    {
        if (state.State.Fetches.Exists(f => f.Seq == seq))
        {
            return false;
        }

        state.State.Fetches.Add(new FetchRecord(seq, time.GetUtcNow(), channel));
        await SaveAsync();
        await ReportProgressAsync();
        return true;
    }

    public Task<StudentProgress?> GetProgressAsync() => Task.FromResult(Progress());

    private StudentProgress? Progress() => state.State.Student is { } student
        ? new StudentProgress(student.StudentId, [.. state.State.Fetches.Select(f => f.Seq)])
        : null;

    private Task ReportProgressAsync()
    {
        var key = EnrollmentKey.Parse(this.GetPrimaryKeyString());
        return GrainFactory.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(key.CohortId, RosterPages.PageOf(key.StudentId)))
            .ReportAsync(Progress()!);
    }

    public async Task<string> SetWebhookAsync(string url)
    {
        var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        state.State.WebhookUrl = url;
        state.State.WebhookSecret = secret;
        state.State.WebhookRegisteredAt = time.GetUtcNow();
        state.State.WebhookPending.Clear();
        await SaveAsync();
        return secret;
    }

    public async Task RecordWebhookDeliveryAsync(int seq, ImmutableArray<WebhookAttemptRecord> attempts, bool delivered)
    {
        var record = state.State;
        if (!record.WebhookPending.Remove(seq) && record.WebhookDone.Contains(seq))
        {
            return; // a late duplicate report of a delivery already recorded
        }

        if (!record.WebhookDone.Contains(seq))
        {
            record.WebhookDone.Add(seq);
        }

        record.WebhookAttempts.AddRange(attempts);
        if (record.WebhookAttempts.Count > EnrollmentState.WebhookAttemptCapacity)
        {
            record.WebhookAttempts.RemoveRange(0, record.WebhookAttempts.Count - EnrollmentState.WebhookAttemptCapacity);
        }

        await SaveAsync();
        LogWebhookDelivered(logger, this.GetPrimaryKeyString(), seq, attempts.Length, delivered);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ReminderName ? TickAsync() : Task.CompletedTask;

    /// <summary>
    /// Processes everything due by now. Idempotent: work done is recorded in the state, so a repeated,
    /// late or missed tick neither loses nor repeats anything; the next tick simply catches up.
    /// </summary>
    public async Task TickAsync()
    {
        var record = state.State;
        if (record.Student is null || record.Cohort is null)
        {
            return;
        }

        var cohort = await GrainFactory.GetGrain<ICohortGrain>(record.Cohort.Id).GetAsync() ?? record.Cohort;
        var changed = cohort != record.Cohort;
        record.Cohort = cohort;
        var scenario = await scenarios.GetAsync(cohort.ScenarioId, cohort.Version);
        var schedule = scenarios.ScheduleOf(scenario);
        var now = time.GetUtcNow();
        var elapsed = cohort.Clock.ElapsedAt(now);

        var notices = DueWebhooks(schedule, cohort, elapsed, now);
        changed |= notices.Count > 0;
        if (elapsed > record.ProcessedUntil)
        {
            record.ProcessedUntil = elapsed;
            changed = true;
        }

        if (changed)
        {
            await SaveAsync();
        }

        // Sent only once their pending mark is durable: a crash now means a redelivery, never a silent loss.
        foreach (var notice in notices)
        {
            GrainFactory.GetGrain<IWebhookDeliveryGrain>(0).DeliverAsync(notice).Ignore();
        }

        await ScheduleWakeAsync(schedule, cohort, elapsed, now);
    }

    private List<WebhookNotice> DueWebhooks(ScenarioSchedule schedule, CohortInfo cohort, TimeSpan elapsed, DateTimeOffset now)
    {
        var record = state.State;
        var notices = new List<WebhookNotice>();
        if (record.WebhookUrl is null || record.WebhookSecret is null || record.WebhookRegisteredAt is not { } registeredAt)
        {
            return notices;
        }

        var key = EnrollmentKey.Parse(this.GetPrimaryKeyString());
        foreach (var release in schedule.Releases)
        {
            if (release.Channel != Channel.Webhook || release.AvailableAt > elapsed || record.WebhookDone.Contains(release.Seq))
            {
                continue;
            }

            var releasedAt = cohort.Clock.WallTimeAt(release.AvailableAt) ?? now;
            if (releasedAt < registeredAt)
            {
                record.WebhookDone.Add(release.Seq); // released before the webhook existed: nothing to notify
                continue;
            }

            if (record.WebhookPending.TryGetValue(release.Seq, out var since) && now - since < options.Value.WebhookRedeliverAfter)
            {
                continue;
            }

            record.WebhookPending[release.Seq] = now;
            notices.Add(new WebhookNotice(key, release.Seq, record.WebhookUrl, record.WebhookSecret,
                ReleaseNotice.Body(key, release, releasedAt, now)));
        }

        return notices;
    }

    /// <summary>
    /// While active, wake exactly when the next release is due (reminders are coarse); once the
    /// scenario is over and nothing is pending, stop the reminder too.
    /// </summary>
    private async Task ScheduleWakeAsync(ScenarioSchedule schedule, CohortInfo cohort, TimeSpan elapsed, DateTimeOffset now)
    {
        if (elapsed >= schedule.Duration && state.State.WebhookPending.Count == 0)
        {
            _wake?.Dispose();
            _wake = null;
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        var next = schedule.NextEventAfter(elapsed, TimelineEventKinds.Release);
        var at = next is null ? null : cohort.Clock.WallTimeAt(next.Value.At);
        if (at is null)
        {
            _wake?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        // A millisecond late, so the event is surely due when the timer fires.
        var due = at.Value - now + TimeSpan.FromMilliseconds(1);
        due = due < TimeSpan.Zero ? TimeSpan.Zero : due;
        if (_wake is null)
        {
            _wake = this.RegisterGrainTimer(_ => TickAsync(), due, Timeout.InfiniteTimeSpan);
        }
        else
        {
            _wake.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Enrollment {Enrollment}: webhook for release {Seq} finished after {Attempts} attempt(s), delivered: {Delivered}")]
    private static partial void LogWebhookDelivered(ILogger logger, string enrollment, int seq, int attempts, bool delivered);

    /// <summary>
    /// Writes the state; when that fails, memory no longer matches storage, so the activation is
    /// dropped and the next call starts again from what is durable.
    /// </summary>
    private async Task SaveAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
