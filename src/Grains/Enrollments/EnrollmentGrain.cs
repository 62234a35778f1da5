using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PPipe.Grains.Assessment;
using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Client.Scenarios;
using PPipe.Grains.Diagnostics;
using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Grains.Notifications;
using PPipe.Scenarios;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Enrollments;

/// <summary>
/// One student in one cohort: its state, its turns and its calls. What is open, late, sealed, due, suspicious or next
/// is decided by the policies (<see cref="SubmissionWindow"/>, <see cref="BatchScoring"/>, <see cref="CopyCheck"/>,
/// <see cref="WebhookSchedule"/>, <see cref="ProbeSchedule"/>, <see cref="WakePlan"/>, <see cref="ProgressReport"/>);
/// the grain reads its state, asks them, writes its state and calls out. The instructors' changes to the student's place
/// in the cohort (new credentials, removal, reset) are in <c>EnrollmentGrain.Roster.cs</c>, the time-driven half in
/// <c>EnrollmentGrain.Tick.cs</c>, notifications in <c>EnrollmentGrain.Notifications.cs</c>, the webhook in <c>EnrollmentGrain.Webhooks.cs</c>, the calendar feed in
/// <c>EnrollmentGrain.Calendar.cs</c> and the reproducibility checks in <c>EnrollmentGrain.Reproducibility.cs</c>.
/// </summary>
internal sealed partial class EnrollmentGrain(
    [PersistentState("enrollment", StorageNames.Default)] IPersistentState<EnrollmentState> state,
    ScenarioCatalog scenarios,
    CohortDirectory cohorts,
    IOptions<EnrollmentOptions> options,
    EnrollmentWakeups wakeups,
    Notifier notifier,
    PPipeMetrics metrics,
    TimeProvider time,
    ILogger<EnrollmentGrain> logger) : Grain, IEnrollmentGrain, IRemindable
{
    private const string ReminderName = "tick";

    /// <summary>Releases whose notification this activation handed to a delivery worker (see <see cref="WebhookSchedule"/>).</summary>
    private readonly HashSet<int> _handedOut = [];
    private EnrollmentKey _key = null!;

    /// <summary>When this activation last reported progress (never: <see cref="DateTimeOffset.MinValue"/>), and the endpoint state it said.</summary>
    private DateTimeOffset _reportedAt = DateTimeOffset.MinValue;
    private bool? _reportedEndpointUp;

    private EnrollmentState Record => state.State;

    /// <summary>
    /// An activation catches up at once: after its silo was lost, whatever first calls the enrollment (its student, a
    /// wake, the reminder) brings everything that fell due meanwhile, not only the next reminder tick.
    /// </summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = EnrollmentKey.Parse(this.GetPrimaryKeyString());
        metrics.EnrollmentActivated();
        if (Record is { Cohort: not null, RemovedAt: null })
        {
            wakeups.WakeAt(this.GetGrainId(), time.GetUtcNow());
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        metrics.EnrollmentDeactivated();
        return Task.CompletedTask;
    }

    public async Task InitializeAsync(EnrollmentInit init)
    {
        if (Record.Student == init.Student && Record.CredentialKey == init.CredentialKey && Record.Cohort?.Id == init.Cohort.Id)
        {
            return; // the same enrollment again (a roster sent twice, or again after a failure): nothing to change
        }

        if (Record.RemovedAt is not null)
        {
            throw new InvalidOperationException($"Enrollment {_key} was removed from its cohort; it takes no new credential.");
        }

        var at = await MomentAsync(init.Cohort);
        if (Record.Student is null)
        {
            Record.Seed = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
            Record.Bucket = await NewBucketKeysAsync();
            Record.EnrolledAt = init.EnrolledAt;
        }
        else if (Record.CredentialKey != init.CredentialKey)
        {
            await ReplaceCredentialsAsync();
        }

        Record.Student = init.Student;
        Record.Cohort = init.Cohort;
        Record.CredentialKey = init.CredentialKey;
        // The batch events are watched from enrollment on (no tick may come before the first batch closes).
        NoticeBatches(at);
        await SaveAsync();
        // The first tick falls anywhere in the period, so a cohort's reminders spread out instead of all firing (and
        // all being loaded into memory) at the same moment.
        var period = options.Value.TickPeriod;
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromTicks((long)(period.Ticks * Random.Shared.NextDouble())), period);
        await ScheduleWakeAsync(at);
    }

    public Task<EnrollmentSnapshot?> GetAsync() => Task.FromResult(Record is { Student: { } student, Cohort: { } cohort, Bucket: { } bucket }
        ? new EnrollmentSnapshot(_key, student, cohort, Record.Seed, Record.EnrolledAt, bucket, Record.WebhookUrl, Record.EndpointUrl,
            [.. Record.Fetches], [.. Record.WebhookAttempts], Record.EndpointUp, Record.CopyFlags.Count, Record.CalendarSecret,
            Record.RemovedAt, Record.ProgressResetAt, Record.CredentialKey)
        : null);

    public async Task<bool> RecordFetchAsync(int seq, string channel)
    {
        metrics.Fetched(channel);
        if (!Record.RecordFetch(new FetchRecord(seq, time.GetUtcNow(), channel)))
        {
            return false;
        }

        await SaveAsync();
        await ReportProgressAsync();
        return true;
    }

    public async Task ReportProgressAsync()
    {
        if (Record is { Cohort: { } cohort, RemovedAt: null })
        {
            await ReportAsync(await ScenarioAsync(cohort));
        }
    }

    public async Task RecordProbesAsync(ImmutableArray<ProbeResult> results)
    {
        // A probe handed out before the student was removed, or before a reset, belongs to what is gone.
        if (Record is not { Student: not null, Cohort: { } cohort, RemovedAt: null } || results.Any(r => r.At < Record.ProgressResetAt))
        {
            return;
        }

        var scenario = await ScenarioAsync(cohort);
        var extraProbes = RolloutProbesPlanned();
        if (Record.RecordProbes(results, scenarios.ScheduleOf(scenario), RolloutGraded(cohort, scenario)))
        {
            var noticed = NoticeProbe(results);
            await SaveAsync();
            if (noticed)
            {
                await HandOutNotificationsAsync(cohort, time.GetUtcNow());
            }

            // A change of version seen in these answers starts extra probes: the next wake must come for the first.
            if (RolloutProbesPlanned() != extraProbes)
            {
                await ScheduleWakeAsync(await MomentAsync(cohort));
            }

            if (ProgressReport.IsDueAfterProbes(Record.EndpointUp, _reportedEndpointUp, _reportedAt, time.GetUtcNow()))
            {
                await ReportAsync(scenario);
            }
        }
    }

    public async Task<SubmissionResult> SubmitPredictionsAsync(int seq, BatchSubmission submission)
    {
        var at = await RefreshAsync();
        var plan = at.Scenario.Batches ?? throw new ArgumentException("The scenario has no batches.", nameof(seq));
        ArgumentOutOfRangeException.ThrowIfLessThan(seq, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seq, at.Schedule.Batches.Count);
        var admission = at.Window.Admit(at.Schedule.Batches[seq - 1], at.Elapsed, at.Cohort.Clock, Record.Batches.OutcomeOf(seq), plan.SubmissionLimit);
        metrics.Submitted(admission.Accepted);
        if (!admission.Accepted)
        {
            return admission.Result(at.Now);
        }

        var id = $"sub-{seq:0000}-{Record.SubmissionCount + 1}";
        var earlier = submission.Model is null ? null : await CountedAsync(seq);
        await Submissions(_key, seq).StoreAsync(new StoredSubmission(id, at.Now, admission.Late, submission));
        Record.OutcomeFor(seq).RecordSubmission(at.Now, admission.Late, submission.Predictions.Length);
        Record.SubmissionCount++;
        if (submission.Model is { } model)
        {
            Record.ObserveModel(model, at.Now, seq, at.Schedule);
            CheckResubmission(seq, earlier, submission, at.Elapsed);
        }

        await SaveAsync();
        await ReportAsync(at.Scenario);
        await ScheduleWakeAsync(at);
        return admission.Result(at.Now, id, submission.Predictions.Length);
    }

    public async Task<ImmutableArray<BatchProgress>> GetBatchesAsync()
    {
        if (Record.Cohort is not { } cohort)
        {
            return [];
        }

        var at = await MomentAsync(cohort);
        var limit = at.Scenario.Batches?.SubmissionLimit ?? 0;
        return [.. at.Schedule.Batches.Select(batch => at.Window.Progress(batch, Record.Batches.OutcomeOf(batch.Seq), limit, cohort.Clock))];
    }

    public async Task<ImmutableArray<ProbeResult>> SetEndpointAsync(string url)
    {
        var at = await RefreshAsync();
        Record.EndpointUrl = url;
        Record.EndpointRegisteredAt ??= at.Now;
        Record.NextProbeSlot = ProbeSchedule.NextAfterRegistration(at.Schedule, Record.NextProbeSlot, at.Elapsed);
        await SaveAsync();

        var results = await GrainFactory.GetGrain<IProbeWorkerGrain>(0).ProbeAsync(Job(at, ProbeResult.VerificationSlot, at.Elapsed));
        Record.RecordProbes(results, at.Schedule, RolloutGraded(at.Cohort, at.Scenario));
        await SaveAsync();
        await ReportAsync(at.Scenario);
        await ScheduleWakeAsync(at);
        return results;
    }

    public Task<ImmutableArray<ProbeResult>> GetProbesAsync(int limit) =>
        Task.FromResult(Record.Probes is { } ledger ? [.. ledger.Recent(limit)] : ImmutableArray<ProbeResult>.Empty);

    public async Task<GradeReport> GetGradeAsync() =>
        Record.Cohort is { } cohort ? await GradeAsync(await ScenarioAsync(cohort)) : new GradeReport(null, null, [], time.GetUtcNow());

    public async Task SetExtensionAsync(TimeSpan extension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(extension.Ticks, nameof(extension));
        if (extension != Record.Extension)
        {
            Record.Extension = extension;
            Record.ExtensionRevision++;
            Record.ExtensionChangedAt = time.GetUtcNow();
        }

        await SaveAsync();
        // The calendar feed holds a copy so a poll costs one call; it is updated before the instructor is answered. Sent
        // again when the same extension is set again, so a retry after a failure here repairs the copy.
        if (Record.CalendarSecret is { } secret)
        {
            await CalendarFeed(secret).UpdateAsync(ExtensionStamp);
        }

        await TickAsync();
    }

    public Task RecordCopyFlagAsync(CopyFlag flag) => Record.AddCopyFlag(flag) ? SaveAsync() : Task.CompletedTask;

    /// <summary>The moment with the cohort as the silo's cohort view has it now: ticks of thousands of enrollments must not all call one cohort grain.</summary>
    private async Task<Moment> RefreshAsync() => await MomentAsync(Record.Cohort = await cohorts.GetAsync(Record.Cohort!.Id) ?? Record.Cohort);

    private async Task<Moment> MomentAsync(CohortInfo cohort)
    {
        var scenario = await ScenarioAsync(cohort);
        var now = time.GetUtcNow();
        return new Moment(cohort, scenario, scenarios.ScheduleOf(scenario), SubmissionWindow.For(scenario, cohort.Late, Record.Extension), now, cohort.Clock.ElapsedAt(now));
    }

    private ValueTask<Scenario> ScenarioAsync(CohortInfo cohort) => scenarios.GetAsync(cohort.ScenarioId, cohort.Version);

    /// <summary>The submission that counts for a batch, when the student submitted any.</summary>
    private Task<StoredSubmission?> CountedAsync(int seq) => Record.Batches.OutcomeOf(seq) is { Submissions: > 0 }
        ? Submissions(_key, seq).GetCountedAsync()
        : Task.FromResult<StoredSubmission?>(null);

    private IBatchSubmissionGrain Submissions(EnrollmentKey enrollment, int seq) => GrainFactory.GetGrain<IBatchSubmissionGrain>($"{enrollment}/{seq}");

    private ProbeJob Job(Moment at, long slot, TimeSpan scenarioAt) =>
        new(_key, Record.EndpointUrl!, at.Cohort.ScenarioId, at.Cohort.Version, Record.Seed, at.Cohort.Clock.StartsAt, slot, scenarioAt);

    /// <summary>
    /// The grade now, or for a removed student as it was when they were removed (nothing of theirs runs after), by the cohort
    /// as the silo's cohort view has it: a grading changed before the start counts at once, not from the enrollment's next tick.
    /// </summary>
    private async Task<GradeReport> GradeAsync(Scenario scenario)
    {
        var cohort = await cohorts.GetAsync(Record.Cohort!.Id) ?? Record.Cohort;
        return Grader.Grade(new GradingInput(scenarios.ScheduleOf(scenario), cohort.Clock, Record.RemovedAt ?? time.GetUtcNow(), Record.Fetches,
            Record.Batches, Record.Probes ?? ProbeLedger.For(scenario), Record.EndpointUrl, Record.EndpointRegisteredAt, Record.Incidents,
            scenarios.GradingOf(cohort, scenario), Record.Lineage, Record.Reproducibility, Record.Rollouts,
            SubmissionWindow.For(scenario, cohort.Late, Record.Extension)));
    }

    private Task SaveAsync() => this.WriteOrDeactivateAsync(state);

    /// <summary>One turn's view of time: the cohort, its scenario, the student's submission window, wall time and scenario time.</summary>
    private sealed record Moment(CohortInfo Cohort, Scenario Scenario, ScenarioSchedule Schedule, SubmissionWindow Window, DateTimeOffset Now, TimeSpan Elapsed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Enrollment {Enrollment}: batch {Seq} predictions agree with {Other}'s at {Agreement:F2}; flagged as a possible copy")]
    private static partial void LogCopySuspected(ILogger logger, string enrollment, string other, int seq, double agreement);
}
