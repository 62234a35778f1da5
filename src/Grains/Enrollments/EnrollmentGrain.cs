using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Channels;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Scenarios;
using PPipe.Scenarios.Assessment;
using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Timeline;
using PPipe.Grains.Interfaces.Credentials;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Client.Scenarios;
using PPipe.Grains.Client.Cohorts;
using PPipe.Grains.Client.Releases;

namespace PPipe.Grains.Enrollments;

internal sealed partial class EnrollmentGrain(
    [PersistentState("enrollment", StorageNames.Default)] IPersistentState<EnrollmentState> state,
    ScenarioCatalog scenarios,
    CohortDirectory cohorts,
    IOptions<EnrollmentOptions> options,
    EnrollmentWakeups wakeups,
    TimeProvider time,
    ILogger<EnrollmentGrain> logger) : Grain, IEnrollmentGrain, IRemindable
{
    private const string ReminderName = "tick";

    /// <summary>Shards of a batch's signature index; each student's bands spread over them.</summary>
    private const int CopyShards = 8;

    /// <summary>Shared band signatures that make another student a candidate worth verifying.</summary>
    private const int MinSharedBands = 3;

    /// <summary>Candidates verified per batch, so a crowd sharing signatures costs a bounded amount.</summary>
    private const int MaxCopyChecks = 5;

    /// <summary>
    /// Releases whose notification this activation handed to a delivery worker. Workers are stateless workers on
    /// the silo of the activation that calls them, so a pending notification this activation did not hand out
    /// belongs to an earlier activation that is gone, usually with its silo, and its outcome may never be reported.
    /// </summary>
    private readonly HashSet<int> _handedOut = [];
    private DateTimeOffset _reportedAt;
    private bool? _reportedEndpointUp;

    /// <summary>The longest a roster page waits to hear of probe results that changed nothing but the grade.</summary>
    private static readonly TimeSpan ProgressReportInterval = TimeSpan.FromSeconds(5);

    /// <summary>The batch's outcome so far (a loop, not a lambda: ticks ask this for every batch of the scenario).</summary>
    private BatchOutcome? OutcomeOf(int seq)
    {
        foreach (var outcome in state.State.Batches)
        {
            if (outcome.Seq == seq)
            {
                return outcome;
            }
        }

        return null;
    }

    /// <summary>
    /// An activation catches up at once: after its silo was lost, whatever first calls the enrollment (its student, a
    /// wake, the reminder) brings everything that fell due meanwhile, not only the next reminder tick.
    /// </summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Cohort is not null)
        {
            wakeups.WakeAt(this.GetGrainId(), time.GetUtcNow());
        }

        return Task.CompletedTask;
    }

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
        // The first tick falls anywhere in the period, so a cohort's reminders spread out instead of all firing (and
        // all being loaded into memory) at the same moment.
        var period = options.Value.TickPeriod;
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromTicks((long)(period.Ticks * Random.Shared.NextDouble())), period);
        var scenario = await scenarios.GetAsync(init.Cohort.ScenarioId, init.Cohort.Version);
        await ScheduleWakeAsync(scenarios.ScheduleOf(scenario), init.Cohort, init.Cohort.Clock.ElapsedAt(time.GetUtcNow()));

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
            [.. record.WebhookAttempts],
            EndpointUp(),
            record.CopyFlags.Count));
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

    public async Task<StudentProgress?> GetProgressAsync()
    {
        if (state.State.Cohort is null)
        {
            return null;
        }

        return Progress(await scenarios.GetAsync(state.State.Cohort.ScenarioId, state.State.Cohort.Version));
    }

    private StudentProgress? Progress(Scenario scenario)
    {
        var record = state.State;
        if (record.Student is not { } student || record.Cohort is null)
        {
            return null;
        }

        var grade = Grade(scenario);
        var due = record.Batches.Count(b => b.Scored);
        var onTime = record.Batches.Count(b => b.Scored && b.Submissions > 0 && !b.CountedLate);
        return new StudentProgress(
            student.StudentId,
            [.. record.Fetches.Select(f => f.Seq)],
            grade.OverallScore,
            grade.OverallLevel,
            EndpointUp(),
            onTime,
            due,
            record.Batches.Count(b => b.Submissions > 0),
            record.Fetches.Count > 0 ? record.Fetches.Max(f => f.At) : null);
    }

    /// <summary>Whether the endpoint answered its latest probe; null without an endpoint or before any probe.</summary>
    private bool? EndpointUp() =>
        state.State.EndpointUrl is null ? null : state.State.Probes?.Recent(1) is [var last] ? last.Ok : null;

    private async Task ReportProgressAsync(Scenario? scenario = null)
    {
        if (state.State.Cohort is null)
        {
            return;
        }

        scenario ??= await scenarios.GetAsync(state.State.Cohort.ScenarioId, state.State.Cohort.Version);
        var key = EnrollmentKey.Parse(this.GetPrimaryKeyString());
        var progress = Progress(scenario)!;
        _reportedAt = time.GetUtcNow();
        _reportedEndpointUp = progress.EndpointUp;
        await GrainFactory.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(key.CohortId, RosterPages.PageOf(key.StudentId)))
            .ReportAsync(progress);
    }

    public async Task<string> SetWebhookAsync(string url)
    {
        var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        state.State.WebhookUrl = url;
        state.State.WebhookSecret = secret;
        state.State.WebhookRegisteredAt = time.GetUtcNow();
        state.State.WebhookPending.Clear();
        _handedOut.Clear();
        await SaveAsync();
        return secret;
    }

    public async Task RecordWebhookDeliveryAsync(int seq, ImmutableArray<WebhookAttemptRecord> attempts, bool delivered)
    {
        var record = state.State;
        _handedOut.Remove(seq);
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

    public async Task RecordProbesAsync(ImmutableArray<ProbeResult> results)
    {
        if (state.State.Student is null || state.State.Cohort is null)
        {
            return;
        }

        var scenario = await scenarios.GetAsync(state.State.Cohort.ScenarioId, state.State.Cohort.Version);
        var ledger = state.State.Probes ??= ProbeLedger.For(scenario);
        var counted = false;
        foreach (var result in results)
        {
            counted |= ledger.Record(result);
        }

        if (!counted)
        {
            return;
        }

        await SaveAsync();

        // Probes can come several times a second at demo speeds: the roster page hears of a change in the
        // endpoint's state at once, of everything else at most every few seconds.
        var now = time.GetUtcNow();
        if (EndpointUp() != _reportedEndpointUp || now - _reportedAt >= ProgressReportInterval)
        {
            await ReportProgressAsync(scenario);
        }
    }

    public async Task<SubmissionResult> SubmitPredictionsAsync(int seq, BatchSubmission submission)
    {
        var record = state.State;
        var cohort = await RefreshCohortAsync();
        var scenario = await scenarios.GetAsync(cohort.ScenarioId, cohort.Version);
        var schedule = scenarios.ScheduleOf(scenario);
        var plan = scenario.Batches ?? throw new ArgumentException("The scenario has no batches.", nameof(seq));
        ArgumentOutOfRangeException.ThrowIfLessThan(seq, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seq, schedule.Batches.Count);

        var now = time.GetUtcNow();
        var batch = schedule.Batches[seq - 1];
        var outcome = OutcomeOf(seq);
        var used = outcome?.Submissions ?? 0;
        var remaining = Math.Max(0, plan.SubmissionLimit - used);
        var timing = Timing(batch, cohort.Clock.ElapsedAt(now), scenario);
        SubmissionResult Refused(SubmissionStatus status, string detail) => new(status, null, now, 0, false, remaining, detail);

        if (timing == SubmissionTiming.NotOpen)
        {
            return Refused(SubmissionStatus.NotOpen, $"Batch {seq} is not open yet; it opens at {cohort.Clock.WallTimeAt(batch.OpensAt)?.ToString("O") ?? "a later time (the cohort is paused)"}.");
        }

        if (timing == SubmissionTiming.Refused)
        {
            return Refused(SubmissionStatus.Closed, $"Batch {seq} closed at {DeadlineText(cohort, batch)} and this cohort takes no more work for it.");
        }

        if (outcome is { Scored: true })
        {
            return Refused(SubmissionStatus.Closed, $"Batch {seq} was already scored with your on-time submission; later work cannot replace it.");
        }

        if (remaining == 0)
        {
            return Refused(SubmissionStatus.LimitReached, $"Batch {seq} takes at most {plan.SubmissionLimit} submissions and you have used them all.");
        }

        var late = timing == SubmissionTiming.Late;
        var id = $"sub-{seq:0000}-{record.SubmissionCount + 1}";
        var key = EnrollmentKey.Parse(this.GetPrimaryKeyString());
        await GrainFactory.GetGrain<IBatchSubmissionGrain>(BatchSubmissionKey(key, seq)).StoreAsync(new StoredSubmission(id, now, late, submission));

        if (outcome is null)
        {
            outcome = new BatchOutcome { Seq = seq };
            record.Batches.Add(outcome);
        }

        outcome.Submissions++;
        outcome.Rows = submission.Predictions.Length;
        if (late)
        {
            outcome.LastLateAt = now;
        }
        else
        {
            outcome.LastOnTimeAt = now;
        }

        record.SubmissionCount++;
        await SaveAsync();
        await ReportProgressAsync(scenario);
        await ScheduleWakeAsync(schedule, cohort, cohort.Clock.ElapsedAt(now));
        return new SubmissionResult(SubmissionStatus.Accepted, id, now, submission.Predictions.Length, late, remaining - 1,
            late ? $"Accepted late: batch {seq} was due {DeadlineText(cohort, batch)}." : "Accepted on time.");
    }

    public async Task<ImmutableArray<BatchProgress>> GetBatchesAsync()
    {
        var record = state.State;
        if (record.Cohort is null)
        {
            return [];
        }

        var scenario = await scenarios.GetAsync(record.Cohort.ScenarioId, record.Cohort.Version);
        var schedule = scenarios.ScheduleOf(scenario);
        var limit = scenario.Batches?.SubmissionLimit ?? 0;
        return [.. schedule.Batches.Select(batch =>
        {
            var outcome = OutcomeOf(batch.Seq);
            return new BatchProgress(
                batch.Seq,
                outcome?.Submissions ?? 0,
                Math.Max(0, limit - (outcome?.Submissions ?? 0)),
                outcome?.Scored ?? false,
                outcome?.Score,
                outcome?.Relative,
                outcome?.CountedLate ?? false,
                record.Cohort.Clock.WallTimeAt(batch.DueAt + record.Extension));
        })];
    }

    public async Task<ImmutableArray<ProbeResult>> SetEndpointAsync(string url)
    {
        var record = state.State;
        var cohort = await RefreshCohortAsync();
        var scenario = await scenarios.GetAsync(cohort.ScenarioId, cohort.Version);
        var schedule = scenarios.ScheduleOf(scenario);
        var now = time.GetUtcNow();
        var elapsed = cohort.Clock.ElapsedAt(now);
        record.EndpointUrl = url;
        record.EndpointRegisteredAt ??= now;
        // Scheduled probes start with the next slot: the verification probe stands for the current one.
        if (schedule.ProbeSlotAt(elapsed) is { } current)
        {
            record.NextProbeSlot = Math.Max(record.NextProbeSlot, current + 1);
        }

        await SaveAsync();

        var results = await GrainFactory.GetGrain<IProbeWorkerGrain>(0).ProbeAsync(Job(cohort, ProbeResult.VerificationSlot, elapsed));
        var ledger = record.Probes ??= ProbeLedger.For(scenario);
        foreach (var result in results)
        {
            ledger.Record(result);
        }

        await SaveAsync();
        await ReportProgressAsync(scenario);
        await ScheduleWakeAsync(schedule, cohort, elapsed);
        return results;
    }

    public Task<ImmutableArray<ProbeResult>> GetProbesAsync(int limit) =>
        Task.FromResult(state.State.Probes is { } ledger ? [.. ledger.Recent(limit)] : ImmutableArray<ProbeResult>.Empty);

    public async Task<GradeReport> GetGradeAsync()
    {
        var record = state.State;
        if (record.Cohort is null)
        {
            return new GradeReport(null, null, [], time.GetUtcNow());
        }

        var scenario = await scenarios.GetAsync(record.Cohort.ScenarioId, record.Cohort.Version);
        return Grade(scenario);
    }

    public async Task SetExtensionAsync(TimeSpan extension)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(extension.Ticks, nameof(extension));
        state.State.Extension = extension;
        await SaveAsync();
        await TickAsync();
    }

    public async Task RecordCopyFlagAsync(CopyFlag flag)
    {
        var flags = state.State.CopyFlags;
        if (flags.Exists(f => f.Batch == flag.Batch && f.OtherStudentId == flag.OtherStudentId) || flags.Count >= EnrollmentState.CopyFlagCapacity)
        {
            return;
        }

        flags.Add(flag);
        await SaveAsync();
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ReminderName ? TickAsync() : Task.CompletedTask;

    /// <summary>
    /// Processes everything due by now: webhook notifications, batches whose window closed (scored), the
    /// probe due (one probe stands for every slot since the last), then the grade. Idempotent: work done is
    /// recorded in the state, so a repeated, late or missed tick neither loses nor repeats anything; the next
    /// tick simply catches up.
    /// </summary>
    public async Task TickAsync()
    {
        var record = state.State;
        if (record.Student is null || record.Cohort is null)
        {
            return;
        }

        var previous = record.Cohort;
        var cohort = await RefreshCohortAsync();
        var changed = cohort != previous;
        var scenario = await scenarios.GetAsync(cohort.ScenarioId, cohort.Version);
        var schedule = scenarios.ScheduleOf(scenario);
        var now = time.GetUtcNow();
        var elapsed = cohort.Clock.ElapsedAt(now);

        var notices = DueWebhooks(schedule, cohort, elapsed, now);
        changed |= notices.Count > 0;
        var scored = await ScoreClosedBatchesAsync(scenario, schedule, cohort, elapsed, now);
        changed |= scored.Count > 0;
        var probe = DueProbe(schedule, cohort, elapsed);
        changed |= probe is not null;
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

        if (probe is not null)
        {
            GrainFactory.GetGrain<IProbeWorkerGrain>(0).RunAsync(probe).Ignore();
        }

        foreach (var seq in scored)
        {
            await CheckForCopiesAsync(scenario, seq);
        }

        if (scored.Count > 0)
        {
            await ReportProgressAsync(scenario);
        }

        await ScheduleWakeAsync(schedule, cohort, elapsed);
    }

    private async Task<CohortInfo> RefreshCohortAsync()
    {
        // Through the silo's cohort cache: ticks of thousands of enrollments must not all call one cohort grain.
        var cohort = await cohorts.GetAsync(state.State.Cohort!.Id) ?? state.State.Cohort;
        state.State.Cohort = cohort;
        return cohort;
    }

    /// <summary>How a submission now is treated, by the cohort's late policy and this student's extension.</summary>
    private SubmissionTiming Timing(ScheduledBatch batch, TimeSpan elapsed, Scenario scenario)
    {
        if (elapsed < batch.OpensAt)
        {
            return SubmissionTiming.NotOpen;
        }

        var t = elapsed - state.State.Extension;
        return t < batch.DueAt ? SubmissionTiming.OnTime
            : t >= LateUntil(batch, scenario) ? SubmissionTiming.Refused
            : SubmissionTiming.Late;
    }

    /// <summary>The late policy in force: the cohort's own when it has one, else the scenario's.</summary>
    private LatePolicy Late(Scenario scenario) => state.State.Cohort?.Late is { } own
        ? new LatePolicy(Enum.Parse<LatePolicyKind>(own.Policy, ignoreCase: true), own.Penalty, own.Cutoff)
        : scenario.Batches!.Late;

    /// <summary>When late work stops being taken (before any extension): the due time under reject, due + cutoff, or the end.</summary>
    private TimeSpan LateUntil(ScheduledBatch batch, Scenario scenario)
    {
        var late = Late(scenario);
        return late.Kind == LatePolicyKind.Reject ? batch.DueAt
            : late.Cutoff is { } cutoff ? Min(batch.DueAt + cutoff, scenario.Duration)
            : scenario.Duration;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>When the batch stops taking work for this student: the late cutoff (or the end) plus the extension.</summary>
    private TimeSpan ClosesAt(ScheduledBatch batch, Scenario scenario) => LateUntil(batch, scenario) + state.State.Extension;

    private string DeadlineText(CohortInfo cohort, ScheduledBatch batch) =>
        cohort.Clock.WallTimeAt(batch.DueAt + state.State.Extension)?.ToString("O") ?? "its deadline";

    private static string BatchSubmissionKey(EnrollmentKey key, int seq) => $"{key}/{seq}";

    /// <summary>
    /// Scores every batch whose fate is sealed: due with an on-time submission (later work cannot replace it),
    /// or past its late cutoff. Returns the seqs scored with a submission.
    /// </summary>
    private async Task<List<int>> ScoreClosedBatchesAsync(Scenario scenario, ScenarioSchedule schedule, CohortInfo cohort, TimeSpan elapsed, DateTimeOffset now)
    {
        var scored = new List<int>();
        ScenarioGenerator? generator = null;
        foreach (var batch in schedule.Batches)
        {
            if (batch.DueAt + state.State.Extension > elapsed)
            {
                break; // batches are due in seq order
            }

            var outcome = OutcomeOf(batch.Seq);
            if (outcome is { Scored: true })
            {
                continue;
            }

            var onTime = outcome?.LastOnTimeAt is not null;
            if (!onTime && ClosesAt(batch, scenario) > elapsed)
            {
                continue; // late work may still come
            }

            if (outcome is null)
            {
                outcome = new BatchOutcome { Seq = batch.Seq };
                state.State.Batches.Add(outcome);
            }

            outcome.Scored = true;
            outcome.ScoredAt = now;
            if (outcome.Submissions == 0)
            {
                outcome.Relative = 0;
                continue;
            }

            var key = EnrollmentKey.Parse(this.GetPrimaryKeyString());
            var counted = await GrainFactory.GetGrain<IBatchSubmissionGrain>(BatchSubmissionKey(key, batch.Seq)).GetCountedAsync();
            if (counted is null)
            {
                outcome.Relative = 0;
                continue;
            }

            generator ??= new ScenarioGenerator(scenario, state.State.Seed, cohort.Clock.StartsAt);
            var truths = generator.BatchTruth(batch.Seq);
            var score = BatchScorer.Score(scenario.Metric, truths, Predictions(truths, counted.Predictions));
            var late = Late(scenario);
            outcome.CountedLate = counted.Late;
            outcome.Penalty = counted.Late && late.Kind == LatePolicyKind.Penalty ? late.Penalty : 0;
            outcome.Rows = score.Rows;
            outcome.Score = Finite(score.Score);
            outcome.Oracle = Finite(score.Oracle);
            outcome.Stale = Finite(score.Stale);
            outcome.Relative = score.Relative * (1 - outcome.Penalty);
            scored.Add(batch.Seq);
        }

        return scored;
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static BatchPredictions Predictions(IReadOnlyList<RowTruth> truths, BatchSubmission submission) =>
        new(BatchIds.FromTruths(truths), submission.Predictions, submission.Probabilities);

    /// <summary>
    /// Registers the counted predictions of a scored batch in the cohort's signature index, verifies the
    /// students sharing many signatures against their stored predictions, and flags real copies on both
    /// sides and with the cohort.
    /// </summary>
    private async Task CheckForCopiesAsync(Scenario scenario, int seq)
    {
        var key = EnrollmentKey.Parse(this.GetPrimaryKeyString());
        var mine = await GrainFactory.GetGrain<IBatchSubmissionGrain>(BatchSubmissionKey(key, seq)).GetCountedAsync();
        if (mine is null || state.State.Cohort is not { } cohort)
        {
            return;
        }

        var truths = new ScenarioGenerator(scenario, state.State.Seed, cohort.Clock.StartsAt).BatchTruth(seq);
        var predictions = Predictions(truths, mine.Predictions);
        var shards = CopyDetection.Bands(scenario.Task, predictions)
            .GroupBy(b => (int)(b.Hash % CopyShards))
            .Select(g => GrainFactory.GetGrain<ICopyIndexGrain>($"{key.CohortId}/{seq}/{g.Key}")
                .RegisterAsync(key.StudentId, [.. g.Select(b => new BandHash(b.Band, b.Hash))]));
        var shared = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var found in await Task.WhenAll(shards))
        {
            foreach (var (student, count) in found)
            {
                shared[student] = shared.GetValueOrDefault(student) + count;
            }
        }

        foreach (var (other, _) in shared.Where(s => s.Value >= MinSharedBands).OrderByDescending(s => s.Value).Take(MaxCopyChecks))
        {
            var theirs = await GrainFactory.GetGrain<IBatchSubmissionGrain>(BatchSubmissionKey(new EnrollmentKey(key.CohortId, other), seq)).GetCountedAsync();
            if (theirs is null || theirs.Predictions.Predictions.Length != predictions.Count)
            {
                continue;
            }

            var agreement = CopyDetection.Agreement(scenario.Task, predictions, new BatchPredictions(predictions.Ids, theirs.Predictions.Predictions, theirs.Predictions.Probabilities));
            if (!CopyDetection.IsSuspicious(agreement))
            {
                continue;
            }

            var flag = new CopyFlag(seq, key.StudentId, other, agreement!.Value, time.GetUtcNow());
            await RecordCopyFlagAsync(flag);
            await GrainFactory.GetGrain<ICohortFlagsGrain>(key.CohortId).FlagAsync(flag);
            // Not awaited: the other enrollment may be checking us at this moment, and two awaited calls would wait on each other.
            GrainFactory.GetGrain<IEnrollmentGrain>(new EnrollmentKey(key.CohortId, other).ToString())
                .RecordCopyFlagAsync(flag with { StudentId = other, OtherStudentId = key.StudentId }).Ignore();
            LogCopySuspected(logger, key.ToString(), other, seq, agreement.Value);
        }
    }

    /// <summary>The probe due now, if any: one probe for the latest slot stands for every slot since the last one probed.</summary>
    private ProbeJob? DueProbe(ScenarioSchedule schedule, CohortInfo cohort, TimeSpan elapsed)
    {
        if (state.State.EndpointUrl is null || schedule.ProbeSlotAt(elapsed) is not { } slot || slot < state.State.NextProbeSlot)
        {
            return null;
        }

        state.State.NextProbeSlot = slot + 1;
        return Job(cohort, slot, schedule.ProbeSlotTime(slot));
    }

    private ProbeJob Job(CohortInfo cohort, long slot, TimeSpan scenarioAt) => new(
        EnrollmentKey.Parse(this.GetPrimaryKeyString()),
        state.State.EndpointUrl!,
        cohort.ScenarioId,
        cohort.Version,
        state.State.Seed,
        cohort.Clock.StartsAt,
        slot,
        scenarioAt);

    private GradeReport Grade(Scenario scenario)
    {
        var record = state.State;
        return Grader.Grade(new GradingInput(
            scenarios.ScheduleOf(scenario),
            record.Cohort!.Clock,
            time.GetUtcNow(),
            record.Fetches,
            record.Batches,
            record.Probes ?? ProbeLedger.For(scenario),
            record.EndpointUrl,
            record.EndpointRegisteredAt));
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

            // A delivery this activation handed out is given time to finish and report. One an earlier activation
            // handed out most likely died with that activation's silo: it is sent again now, not after
            // WebhookRedeliverAfter (notifications are at least once; a receiver may see one twice).
            if (record.WebhookPending.TryGetValue(release.Seq, out var since) && _handedOut.Contains(release.Seq)
                && now - since < options.Value.WebhookRedeliverAfter)
            {
                continue;
            }

            record.WebhookPending[release.Seq] = now;
            _handedOut.Add(release.Seq);
            notices.Add(new WebhookNotice(key, release.Seq, record.WebhookUrl, record.WebhookSecret,
                ReleaseNotice.Body(key, release, releasedAt, now)));
        }

        return notices;
    }

    /// <summary>
    /// Asks to be woken exactly when the next thing is due (the reminder is only the safety net): a release, a probe
    /// slot (with an endpoint), a batch deadline or cutoff still to score, or a webhook notification to send again.
    /// The wake outlives the activation, so an idle enrollment may leave memory and still be back on time. Once the
    /// scenario is over and nothing is pending, stop the reminder too.
    /// </summary>
    private async Task ScheduleWakeAsync(ScenarioSchedule schedule, CohortInfo cohort, TimeSpan elapsed)
    {
        var pendingBatches = false;
        foreach (var batch in schedule.Batches)
        {
            pendingBatches |= OutcomeOf(batch.Seq) is not { Scored: true };
        }

        if (elapsed >= schedule.Duration + state.State.Extension && state.State.WebhookPending.Count == 0 && !pendingBatches)
        {
            wakeups.Cancel(this.GetGrainId());
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        var kinds = TimelineEventKinds.Release | (state.State.EndpointUrl is null ? 0 : TimelineEventKinds.Probe);
        var next = schedule.NextEventAfter(elapsed, kinds)?.At;
        foreach (var batch in schedule.Batches)
        {
            if (OutcomeOf(batch.Seq) is { Scored: true })
            {
                continue;
            }

            foreach (var at in (ReadOnlySpan<TimeSpan>)[batch.DueAt + state.State.Extension, ClosesAt(batch, schedule.Scenario)])
            {
                if (at > elapsed && (next is null || at < next))
                {
                    next = at;
                }
            }
        }

        // A millisecond late, so the event is surely due when the wake comes. While the cohort is paused nobody
        // knows when the next event comes, so look again in a while.
        DateTimeOffset? wakeAt = null;
        if (next is { } nextAt)
        {
            wakeAt = cohort.Clock.WallTimeAt(nextAt) is { } wall ? wall + TimeSpan.FromMilliseconds(1) : time.GetUtcNow() + options.Value.PausedRecheck;
        }

        foreach (var since in state.State.WebhookPending.Values)
        {
            var redeliverAt = since + options.Value.WebhookRedeliverAfter;
            wakeAt = wakeAt is null || redeliverAt < wakeAt ? redeliverAt : wakeAt;
        }

        if (wakeAt is null)
        {
            wakeups.Cancel(this.GetGrainId());
            return;
        }

        wakeups.WakeAt(this.GetGrainId(), wakeAt.Value);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Enrollment {Enrollment}: batch {Seq} predictions agree with {Other}'s at {Agreement:F2}; flagged as a possible copy")]
    private static partial void LogCopySuspected(ILogger logger, string enrollment, string other, int seq, double agreement);

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
