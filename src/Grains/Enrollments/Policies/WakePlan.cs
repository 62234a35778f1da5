using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Enrollments.Policies;

/// <summary>
/// When an enrollment asks to be woken next, so that it is on time without its reminder (which is only the safety net):
/// the next release (with a webhook to notify), probe slot or extra probe around a deploy (with an endpoint), deadline of a batch submitted on time and
/// not scored yet, late cutoff of a batch not scored yet, or the redelivery of a pending webhook notification, whichever
/// comes first. Nothing else needs the enrollment at those moments: a release is listed, streamed and served by the front
/// ends from the schedule, and a batch nobody submitted on time is sealed at its cutoff, not its deadline. So a student
/// who only polls costs a wake per batch, not one per scenario event, and a cohort's release wakes only its webhooks. A scenario event is woken for a millisecond
/// after its wall time, so it is surely due when the wake comes; while the cohort is paused nobody knows when the next
/// event comes, so the enrollment looks again after <see cref="PausedRecheck"/>. Once the scenario is over for the
/// student (its end plus the extension) with every batch scored and no notification pending, nothing will ever be due
/// again and the reminder can stop too.
/// </summary>
internal sealed record WakePlan(TimeSpan RedeliverAfter, TimeSpan PausedRecheck)
{
    /// <summary>How long after an event's wall time the wake comes.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(1);

    /// <param name="schedule">The scenario's schedule.</param>
    /// <param name="clock">The cohort's clock.</param>
    /// <param name="window">The student's submission window (extension and late policy).</param>
    /// <param name="outcomes">The enrollment's batch outcomes.</param>
    /// <param name="hasEndpoint">Whether an endpoint is registered (probe slots matter).</param>
    /// <param name="hasWebhook">Whether a webhook is registered (releases matter).</param>
    /// <param name="pendingSince">When each pending webhook notification was sent.</param>
    /// <param name="elapsed">Scenario time now.</param>
    /// <param name="now">Wall time now.</param>
    /// <param name="rolloutProbeAt">When the next extra probe around a deploy is due (scenario time), if one is.</param>
    public Wake Next(
        ScenarioSchedule schedule,
        CohortClock clock,
        SubmissionWindow window,
        IReadOnlyList<BatchOutcome> outcomes,
        bool hasEndpoint,
        bool hasWebhook,
        IReadOnlyCollection<DateTimeOffset> pendingSince,
        TimeSpan elapsed,
        DateTimeOffset now,
        TimeSpan? rolloutProbeAt = null)
    {
        var kinds = (hasWebhook ? TimelineEventKinds.Release : 0) | (hasEndpoint ? TimelineEventKinds.Probe : 0);
        var next = kinds == 0 ? null : schedule.NextEventAfter(elapsed, kinds)?.At;
        if (hasEndpoint && rolloutProbeAt is { } extra && (next is null || extra < next))
        {
            next = extra;
        }

        var pendingBatches = false;
        foreach (var batch in schedule.Batches)
        {
            var outcome = outcomes.OutcomeOf(batch.Seq);
            if (outcome is { Scored: true })
            {
                continue;
            }

            pendingBatches = true;
            // Sealed at the deadline only with a submission on time (BatchScoring.Sealed); a submission wakes it anew.
            ReadOnlySpan<TimeSpan> deadlines = outcome?.LastOnTimeAt is not null ? [window.DueAt(batch), window.ClosesAt(batch)] : [window.ClosesAt(batch)];
            foreach (var deadline in deadlines)
            {
                if (deadline > elapsed && (next is null || deadline < next))
                {
                    next = deadline;
                }
            }
        }

        if (elapsed >= schedule.Duration + window.Extension && pendingSince.Count == 0 && !pendingBatches)
        {
            return Wake.Finished;
        }

        DateTimeOffset? wakeAt = next is { } nextAt ? clock.WallTimeAt(nextAt) + Margin ?? now + PausedRecheck : null;
        if (WebhookSchedule.NextRedelivery(pendingSince, RedeliverAfter) is { } redeliverAt && (wakeAt is null || redeliverAt < wakeAt))
        {
            wakeAt = redeliverAt;
        }

        return wakeAt is { } time ? Wake.At(time) : Wake.None;
    }
}
