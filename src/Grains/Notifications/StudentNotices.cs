using PPipe.Grains.Assessment;
using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Notifications;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Notifications;

/// <summary>
/// What a student may be told of their batches between two scenario times: a batch opened; a batch whose deadline (with
/// the student's extension) is <see cref="DueSoonLead"/> away and nothing was submitted; a deadline passed with nothing
/// submitted. Each is looked at once, in the interval its time falls in, so a repeated or late tick tells nothing
/// twice; a submission made before a tick looked means no reminder. Pure.
/// </summary>
internal sealed record StudentNotices(TimeSpan DueSoonLead)
{
    /// <param name="schedule">The scenario's schedule.</param>
    /// <param name="window">The student's submission window (extension and late policy).</param>
    /// <param name="clock">The cohort's clock, for wall times.</param>
    /// <param name="outcomes">The student's batch outcomes (submissions).</param>
    /// <param name="from">Scenario time already looked at (excluded).</param>
    /// <param name="to">Scenario time now (included).</param>
    /// <param name="now">Wall time now, for times the clock cannot say (a paused cohort).</param>
    public List<NotificationEvent> Between(
        ScenarioSchedule schedule, SubmissionWindow window, CohortClock clock, IReadOnlyList<BatchOutcome> outcomes, TimeSpan from, TimeSpan to, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(clock);
        var events = new List<NotificationEvent>();
        if (to <= from)
        {
            return events;
        }

        foreach (var batch in schedule.Batches)
        {
            var due = window.DueAt(batch);
            var submitted = outcomes.OutcomeOf(batch.Seq) is { Submissions: > 0 };
            if (from < batch.OpensAt && batch.OpensAt <= to)
            {
                events.Add(new NotificationEvent(NotificationKind.BatchOpened, $"batch-{batch.Seq}-opened", Wall(clock, batch.OpensAt, now),
                    $"Batch {batch.Seq} is open",
                    $"Batch {batch.Seq} ({batch.Rows:N0} rows) is open; predictions are due {When(clock, due)}."));
            }

            var remindAt = due - DueSoonLead;
            if (!submitted && from < remindAt && remindAt <= to && due > to)
            {
                events.Add(new NotificationEvent(NotificationKind.BatchDueSoon, $"batch-{batch.Seq}-due-soon", Wall(clock, remindAt, now),
                    $"Batch {batch.Seq} is due {When(clock, due)}",
                    $"Nothing has been submitted for batch {batch.Seq} yet; predictions are due {When(clock, due)}."));
            }

            if (!submitted && from < due && due <= to)
            {
                var closes = window.ClosesAt(batch);
                var late = closes > due
                    ? window.ClosesWithTheLabels(batch)
                        ? $"Late predictions are taken until {When(clock, closes)}, when its labels are revealed."
                        : $"Late predictions are taken until {When(clock, closes)}, as the late policy says."
                    : "Late predictions are not taken.";
                events.Add(new NotificationEvent(NotificationKind.BatchMissed, $"batch-{batch.Seq}-missed", Wall(clock, due, now),
                    $"Batch {batch.Seq} was due and nothing was submitted",
                    $"Batch {batch.Seq} was due {When(clock, due)}. {late}"));
            }
        }

        return events;
    }

    /// <summary>The next scenario time after <paramref name="elapsed"/> at which something may be told, or null when nothing can be.</summary>
    public TimeSpan? NextAfter(ScenarioSchedule schedule, SubmissionWindow window, IReadOnlyList<BatchOutcome> outcomes, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(window);
        TimeSpan? next = null;
        foreach (var batch in schedule.Batches)
        {
            var submitted = outcomes.OutcomeOf(batch.Seq) is { Submissions: > 0 };
            var due = window.DueAt(batch);
            foreach (var at in (ReadOnlySpan<TimeSpan>)[batch.OpensAt, submitted ? TimeSpan.MinValue : due - DueSoonLead, submitted ? TimeSpan.MinValue : due])
            {
                if (at > elapsed && (next is null || at < next))
                {
                    next = at;
                }
            }
        }

        return next;
    }

    private static DateTimeOffset Wall(CohortClock clock, TimeSpan at, DateTimeOffset now) => clock.WallTimeAt(at) is { } wall && wall <= now ? wall : now;

    private static string When(CohortClock clock, TimeSpan at) => clock.WallTimeAt(at) is { } wall ? NotificationText.Time(wall) : "when the cohort resumes";
}
