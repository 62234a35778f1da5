using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Channels;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Grains.Interfaces.Roster;
using PPipe.Grains.Notifications;
using PPipe.Scenarios;

namespace PPipe.Grains.Enrollments;

/// <summary>
/// The time-driven half of the enrollment: the reminder and the silo's wakes run <see cref="TickAsync"/>, which does
/// what fell due (webhook notifications, sealed batches, the probe due and now and then a replay after it, the extra probe around a deploy, copy checks), reports progress to the roster
/// page and asks for the next wake. The requests of students, instructors and the platform's workers are in
/// <c>EnrollmentGrain.cs</c>.
/// </summary>
internal sealed partial class EnrollmentGrain
{
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ReminderName ? TickAsync() : Task.CompletedTask;

    /// <summary>
    /// Processes everything due by now: webhook notifications, batches whose fate is sealed, the probe due, then the
    /// roster page's progress, the next wake, and the copy check of each batch scored. Idempotent: work done is recorded in
    /// the state, so a repeated, late or missed tick neither loses nor repeats anything; the next tick catches up.
    /// </summary>
    public async Task TickAsync()
    {
        if (Record.Student is null || Record.Cohort is not { } previous || Record.RemovedAt is not null)
        {
            return;
        }

        var at = await RefreshAsync();
        var webhooks = DueWebhooks(at);
        var sealedBatches = BatchScoring.Sealed(at.Schedule.Batches, Record.Batches, at.Window, at.Elapsed);
        var scored = BatchScoring.Score(at.Scenario, Record.Seed, at.Cohort.Clock.StartsAt, sealedBatches,
            await Task.WhenAll(sealedBatches.Select(batch => CountedAsync(batch.Seq))), at.Window);
        var probe = ProbeSchedule.Due(at.Schedule, Record.EndpointUrl is not null, Record.NextProbeSlot, at.Elapsed);
        var rolloutProbe = TakeRolloutProbe(at);
        _handedOut.UnionWith(webhooks.Send.Select(n => n.Seq));
        var changed = Record.Advance(at.Elapsed, at.Now, webhooks, scored, probe) | rolloutProbe is not null;
        changed |= NoticeBatches(at);
        if (changed || at.Cohort != previous)
        {
            await SaveAsync();
        }

        // Sent only once their pending mark is durable: a crash now means a redelivery, never a silent loss.
        foreach (var notice in webhooks.Send)
        {
            GrainFactory.GetGrain<IWebhookDeliveryGrain>(0).DeliverAsync(notice).Ignore();
        }

        HandOutNotifications(at.Now);
        if (probe is { } slot)
        {
            var replayOf = ProbeReplays.ReplayOf(
                scenarios.GradingOf(at.Cohort, at.Scenario).Rubric.WeightOf(Criterion.Reproducibility) > 0, Record.Seed, slot, Record.Reproducibility);
            GrainFactory.GetGrain<IProbeWorkerGrain>(0).RunAsync(Job(at, slot, at.Schedule.ProbeSlotTime(slot)) with { ReplayOf = replayOf }).Ignore();
        }

        if (rolloutProbe is { } extra)
        {
            SendRolloutProbe(at, extra);
        }

        // Every batch sealed, with or without a submission, changes what the page counts. A new activation reports once
        // in any case: the report of its last change may have been lost with its previous silo.
        if (scored.Count > 0 || _reportedAt == DateTimeOffset.MinValue)
        {
            await ReportAsync(at.Scenario);
        }

        await ScheduleWakeAsync(at);

        // Last: a copy check that fails (another student's grain unreachable) costs neither the report nor the wake.
        var copies = new CopyInvestigation(GrainFactory, _key);
        foreach (var batch in scored.Where(b => b.Counted is not null))
        {
            foreach (var flag in await copies.FindAsync(at.Scenario.Task, batch.Seq, batch.Counted!, at.Now))
            {
                await RecordCopyFlagAsync(flag);
                await copies.ShareAsync(flag);
                LogCopySuspected(logger, _key.ToString(), flag.OtherStudentId, batch.Seq, flag.Agreement);
            }
        }
    }

    /// <summary>
    /// Asks the silo to wake the enrollment when the next thing is due (<see cref="WakePlan"/>). The wake outlives the
    /// activation, so an idle enrollment may leave memory and still be back on time; once nothing can be due any more,
    /// the reminder stops too.
    /// </summary>
    private async Task ScheduleWakeAsync(Moment at)
    {
        var wake = new WakePlan(options.Value.WebhookRedeliverAfter, options.Value.PausedRecheck).Next(
            at.Schedule, at.Cohort.Clock, at.Window, Record.Batches, Record.EndpointUrl is not null, Record.WebhookUrl is not null,
            Record.WebhookPending.Values, at.Elapsed, at.Now, NextRolloutProbe(at));
        if (Notifier.Earliest(wake.Time, NextNotificationWake(at)) is { } wakeAt)
        {
            wakeups.WakeAt(this.GetGrainId(), wakeAt);
            return;
        }

        wakeups.Cancel(this.GetGrainId());
        if (wake.IsFinished && await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// Pushes the student's progress to their roster page, one way: an enrollment never waits on its page. A change of
    /// the grade level it carries is the level the student is told of. The overall grade is kept as the day's in the
    /// grade history, which the grain's next state write stores.
    /// </summary>
    private async Task ReportAsync(Scenario scenario)
    {
        var progress = ProgressReport.Of(_key.StudentId, Record.Fetches, Record.Batches, Record.EndpointUp, await GradeAsync(scenario));
        if (Record.Cohort is { } cohort)
        {
            DailyGrade.Note(Record.DailyGrades, ScenarioDay.Of(cohort.Clock.ElapsedAt(time.GetUtcNow())), progress.OverallScore,
                Enum.TryParse<GradeLevel>(progress.Level, out var level) ? level : null);
        }

        _reportedAt = time.GetUtcNow();
        _reportedEndpointUp = progress.EndpointUp;
        await GrainFactory.GetGrain<IRosterPageGrain>(RosterPages.KeyOf(_key.CohortId, RosterPages.PageOf(_key.StudentId))).ReportAsync(progress);
        await NoticeLevelAsync(progress.Level);
    }
}
