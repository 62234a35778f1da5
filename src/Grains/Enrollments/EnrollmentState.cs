using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Incidents;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Grains.Notifications;
using PPipe.Grains.Rollouts;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Enrollments;

/// <summary>
/// The durable part of one enrollment. Bounded: fetches are at most one per release and webhook
/// attempts are a capped ring; rows and predictions are never stored here.
/// </summary>
[GenerateSerializer, Alias("ppipe.EnrollmentState")]
internal sealed class EnrollmentState
{
    public const int WebhookAttemptCapacity = 64;

    [Id(0)] public RosterRow? Student { get; set; }
    [Id(1)] public CohortInfo? Cohort { get; set; }
    [Id(2)] public string CredentialKey { get; set; } = "";
    [Id(3)] public ulong Seed { get; set; }
    [Id(4)] public DateTimeOffset EnrolledAt { get; set; }
    [Id(5)] public BucketCredentials? Bucket { get; set; }
    [Id(6)] public string? WebhookUrl { get; set; }
    [Id(7)] public string? WebhookSecret { get; set; }
    [Id(8)] public string? EndpointUrl { get; set; }
    [Id(9)] public List<FetchRecord> Fetches { get; set; } = [];
    [Id(10)] public List<WebhookAttemptRecord> WebhookAttempts { get; set; } = [];

    /// <summary>
    /// Scenario time up to which every due event has been processed. Stored with the next change: a tick that finds
    /// nothing to do writes nothing, and repeating it after a lost activation finds nothing again.
    /// </summary>
    [Id(11)] public TimeSpan ProcessedUntil { get; set; }

    /// <summary>When the current webhook URL was registered: releases from then on are notified.</summary>
    [Id(12)] public DateTimeOffset? WebhookRegisteredAt { get; set; }

    /// <summary>Releases whose webhook notification is finished (delivered or given up after every retry).</summary>
    [Id(13)] public List<int> WebhookDone { get; set; } = [];

    /// <summary>Releases whose notification is with a delivery worker, and since when.</summary>
    [Id(14)] public Dictionary<int, DateTimeOffset> WebhookPending { get; set; } = [];

    /// <summary>Batches with a submission or already scored, by seq; at most one per batch of the scenario.</summary>
    [Id(15)] public List<BatchOutcome> Batches { get; set; } = [];

    /// <summary>Aggregated probe results (bounded); null until the first probe.</summary>
    [Id(16)] public ProbeLedger? Probes { get; set; }

    /// <summary>When an endpoint was first registered; replacing the URL does not move it.</summary>
    [Id(17)] public DateTimeOffset? EndpointRegisteredAt { get; set; }

    /// <summary>The first probe slot not yet probed: one probe covers every slot due since the last.</summary>
    [Id(18)] public long NextProbeSlot { get; set; }

    /// <summary>Extra scenario time on every deadline and late cutoff for this student.</summary>
    [Id(19)] public TimeSpan Extension { get; set; }

    /// <summary>Suspected copies involving this student, capped at <see cref="CopyFlagCapacity"/>.</summary>
    [Id(20)] public List<CopyFlag> CopyFlags { get; set; } = [];

    /// <summary>Submissions accepted so far, for submission ids.</summary>
    [Id(21)] public int SubmissionCount { get; set; }

    /// <summary>The secret of the student's calendar feed URL; null until the feed is first asked for.</summary>
    [Id(22)] public string? CalendarSecret { get; set; }

    /// <summary>How often <see cref="Extension"/> changed (the calendar events' SEQUENCE counts it), and when last.</summary>
    [Id(23)] public int ExtensionRevision { get; set; }

    [Id(24)] public DateTimeOffset? ExtensionChangedAt { get; set; }

    /// <summary>When the instructor removed the student from the cohort; the data stays, nothing runs any more.</summary>
    [Id(25)] public DateTimeOffset? RemovedAt { get; set; }

    /// <summary>When the instructor last reset the student's progress.</summary>
    [Id(26)] public DateTimeOffset? ProgressResetAt { get; set; }

    /// <summary>Calendar feed rotations in the window that began at <see cref="CalendarRotationsSince"/> (see <c>CalendarRotationLimit</c>).</summary>
    [Id(27)] public int CalendarRotations { get; set; }

    [Id(28)] public DateTimeOffset CalendarRotationsSince { get; set; }

    public const int CopyFlagCapacity = 32;

    /// <summary>The student's notifications: preferences, windows, watches and outbox (bounded); null until first needed.</summary>
    [Id(40)] public StudentNotificationState? Notifications { get; set; }

    /// <summary>The student's incident reports and their endpoint's outages (bounded); null until the first of either (or a progress reset, which starts a fresh one).</summary>
    [Id(41)] public IncidentLedger? Incidents { get; set; }

    /// <summary>The model versions the student's answers and submissions named (bounded); null until one names a model (or a progress reset, which starts a fresh one).</summary>
    [Id(42)] public ModelLineage? Lineage { get; set; }

    /// <summary>The probe replays re-send and the reproducibility checks made (bounded); null until a probe is answered under a named version or a batch is resubmitted under one (and after a progress reset).</summary>
    [Id(43)] public ReproducibilityRecord? Reproducibility { get; set; }

    /// <summary>The endpoint's deploys and the extra probes around them (bounded); null until a deploy is announced or an answer names a model (and after a progress reset).</summary>
    [Id(44)] public RolloutLedger? Rollouts { get; set; }

    /// <summary>
    /// The overall grade as last reported on each scenario day, oldest first, one entry a day and at most
    /// <see cref="DailyGrade.Capacity"/>: the student's grade over time, for research exports. Written with the grain's next
    /// state write, so a silo lost before it may miss that day's last change. Cleared by a progress reset.
    /// </summary>
    [Id(45)] public List<DailyGrade> DailyGrades { get; set; } = [];

    /// <summary>Whether the endpoint answered its latest probe; null without an endpoint or before any probe.</summary>
    public bool? EndpointUp => EndpointUrl is null ? null : Probes?.Recent(1) is [var last] ? last.Ok : null;

    /// <summary>Keeps the first fetch of each release (the acquisition evidence); false when the release was fetched before.</summary>
    public bool RecordFetch(FetchRecord fetch)
    {
        if (Fetches.Exists(f => f.Seq == fetch.Seq))
        {
            return false;
        }

        Fetches.Add(fetch);
        return true;
    }

    /// <summary>The batch's outcome, added when it has none yet.</summary>
    public BatchOutcome OutcomeFor(int seq)
    {
        if (Batches.OutcomeOf(seq) is not { } outcome)
        {
            Batches.Add(outcome = new BatchOutcome { Seq = seq });
        }

        return outcome;
    }

    /// <summary>Points the webhook at <paramref name="url"/> from <paramref name="at"/> on; notifications of the previous one are no longer awaited.</summary>
    public void RegisterWebhook(string url, string secret, DateTimeOffset at)
    {
        WebhookUrl = url;
        WebhookSecret = secret;
        WebhookRegisteredAt = at;
        WebhookPending.Clear();
    }

    /// <summary>
    /// Records what a tick at <paramref name="elapsed"/> (scenario time) and <paramref name="now"/> did: notifications
    /// handed out, batches scored, the probe slot sent (one stands for every slot up to it). False when nothing changed.
    /// </summary>
    public bool Advance(TimeSpan elapsed, DateTimeOffset now, WebhookDue webhooks, IReadOnlyList<ScoredBatch> scored, long? probedSlot)
    {
        MarkWebhooks(webhooks, now);
        foreach (var batch in scored)
        {
            batch.ApplyTo(OutcomeFor(batch.Seq), now);
        }

        NextProbeSlot = probedSlot + 1 ?? NextProbeSlot;
        ProcessedUntil = elapsed > ProcessedUntil ? elapsed : ProcessedUntil;
        return !webhooks.IsEmpty || scored.Count > 0 || probedSlot is not null;
    }

    /// <summary>Marks notifications sent at <paramref name="now"/> pending, and releases from before the webhook finished.</summary>
    public void MarkWebhooks(WebhookDue due, DateTimeOffset now)
    {
        WebhookDone.AddRange(due.Skipped);
        foreach (var notice in due.Send)
        {
            WebhookPending[notice.Seq] = now;
        }
    }

    /// <summary>
    /// Records a finished notification and its attempts (keeping the newest <see cref="WebhookAttemptCapacity"/>);
    /// false for a late duplicate report of one already recorded.
    /// </summary>
    public bool FinishWebhook(int seq, IEnumerable<WebhookAttemptRecord> attempts)
    {
        if (!WebhookPending.Remove(seq) && WebhookDone.Contains(seq))
        {
            return false;
        }

        if (!WebhookDone.Contains(seq))
        {
            WebhookDone.Add(seq);
        }

        WebhookAttempts.AddRange(attempts);
        if (WebhookAttempts.Count > WebhookAttemptCapacity)
        {
            WebhookAttempts.RemoveRange(0, WebhookAttempts.Count - WebhookAttemptCapacity);
        }

        return true;
    }

    /// <summary>
    /// Counts probe results in the ledger (started for the scenario at the first), the models the new ones named in the
    /// lineage, and their answers in the reproducibility record; false when none was new.
    /// </summary>
    public bool RecordProbes(IEnumerable<ProbeResult> results, ScenarioSchedule schedule, bool rolloutGraded)
    {
        var scenario = schedule.Scenario;
        var ledger = Probes ??= ProbeLedger.For(scenario);
        var counted = false;
        List<ProbeResult>? observed = null;
        foreach (var answer in results)
        {
            // The predictions are for the reproducibility record alone: the ledger keeps results without them.
            var result = answer.Predictions is null ? answer : answer with { Predictions = null };
            if (ledger.Record(result))
            {
                if (answer is { Ok: true, Slot: >= 0 } && (Reproducibility is not null || answer.Model is not null))
                {
                    (Reproducibility ??= new ReproducibilityRecord()).ObserveAnswer(answer);
                }

                counted = true;
                (observed ??= []).Add(result);
                // Outages are followed from the first failure on, so students whose endpoint never fails carry no ledger.
                if (Incidents is not null || !result.Ok)
                {
                    (Incidents ??= new IncidentLedger()).Observe(result, scenario.Monitoring);
                }

                if (result.Model is { } model)
                {
                    ObserveModel(model, result.At, null, schedule);
                }
            }
        }

        // A probe's attempts come together: its last one says whether it failed. Deploys are followed from the first
        // announcement or the first answer naming a model, so students who do neither carry no ledger.
        if (observed is not null && RolloutPlan.For(scenario, rolloutGraded) is { } plan)
        {
            foreach (var probe in observed.GroupBy(r => r.Slot).Select(attempts => attempts.MaxBy(r => r.Attempt)!))
            {
                if (Rollouts is not null || probe.Model is not null)
                {
                    (Rollouts ??= new RolloutLedger()).Observe(probe, Cohort!.Clock.ElapsedAt(probe.At), plan);
                }
            }
        }

        return counted;
    }

    /// <summary>
    /// Records in the lineage that a probe answer (<paramref name="batch"/> null) or a submission for a batch named
    /// <paramref name="model"/> at wall time <paramref name="at"/>, checked against the fetches and releases of that moment.
    /// </summary>
    public void ObserveModel(ModelStamp model, DateTimeOffset at, int? batch, ScenarioSchedule schedule) =>
        (Lineage ??= new ModelLineage()).Observe(model, ModelSighting.Of(Cohort!.Clock.ElapsedAt(at), at, batch, Fetches, schedule));

    /// <summary>
    /// Starts the student's progress again at <paramref name="now"/> (scenario time <paramref name="elapsed"/>), where a
    /// student enrolled now would be: no fetches, batches, probes, incident reports, model lineage, reproducibility checks, deploys, grade history or webhook history; scenario events up to now count as
    /// processed, probes start with <paramref name="nextProbeSlot"/> and release notifications with the next release. Kept:
    /// who the student is, the token and bucket keys, the data seed, the webhook and endpoint the student registered (as
    /// registered now), the deadline extension, the copy flags (evidence of what happened) and the submission count (so
    /// submission ids stay unique). The stored submissions are the grain's to clear, before this.
    /// </summary>
    public void ResetProgress(DateTimeOffset now, TimeSpan elapsed, long nextProbeSlot)
    {
        Fetches.Clear();
        Batches.Clear();
        Probes = null;
        Incidents = new IncidentLedger { From = elapsed };
        Lineage = new ModelLineage { From = elapsed };
        Reproducibility = null;
        Rollouts = null;
        DailyGrades.Clear();
        NextProbeSlot = nextProbeSlot;
        EndpointRegisteredAt = EndpointUrl is null ? null : now;
        WebhookAttempts.Clear();
        WebhookDone.Clear();
        WebhookPending.Clear();
        WebhookRegisteredAt = WebhookUrl is null ? null : now;
        ProcessedUntil = elapsed;
        ProgressResetAt = now;
        if (Notifications is { } notices)
        {
            // Told from now on as a student starting now: no batch notices for what closed before, a fresh endpoint
            // watch, and the first grade level after the reset is not a change. Preferences and the outbox stay.
            notices.WatchedUntil = elapsed;
            notices.Endpoint = EndpointWatch.Initial;
            notices.Level = null;
        }
    }

    /// <summary>Adds a suspected copy unless it is known or <see cref="CopyFlagCapacity"/> are kept already; false when not added.</summary>
    public bool AddCopyFlag(CopyFlag flag)
    {
        if (CopyFlags.Exists(f => f.Batch == flag.Batch && f.OtherStudentId == flag.OtherStudentId) || CopyFlags.Count >= CopyFlagCapacity)
        {
            return false;
        }

        CopyFlags.Add(flag);
        return true;
    }
}
