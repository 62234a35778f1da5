using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Frontend.Students;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Scenarios.Timeline;

namespace PPipe.Frontend.Cohorts.Monitor;

/// <summary>One line of a student's timeline: when (wall time), what kind, and what happened.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Text);

/// <summary>
/// Merges what the platform did for a student (releases out, batches due) with what the student did
/// (fetches, submissions, scores, webhook deliveries) into one chronological list, up to now.
/// </summary>
public static class StudentTimeline
{
    public static ImmutableArray<TimelineEntry> Build(
        CohortInfo cohort, ScenarioSchedule schedule, EnrollmentSnapshot student, ImmutableArray<BatchProgress> batches, DateTimeOffset now)
    {
        var entries = new List<TimelineEntry>();
        var elapsed = cohort.Clock.ElapsedAt(now);
        foreach (var release in schedule.ReleasesAvailableAt(elapsed))
        {
            if (cohort.Clock.WallTimeAt(release.AvailableAt) is { } at)
            {
                entries.Add(new TimelineEntry(at, "release", $"Release {release.Seq} out on the {ChannelNames.Of(release.Channel)} channel ({release.Rows} rows)"));
            }
        }

        foreach (var fetch in student.Fetches)
        {
            entries.Add(new TimelineEntry(fetch.At, "fetch", $"Fetched release {fetch.Seq} through {fetch.Channel}"));
        }

        foreach (var attempt in student.WebhookAttempts)
        {
            entries.Add(new TimelineEntry(attempt.At, "webhook",
                $"Webhook for release {attempt.Seq}, attempt {attempt.Attempt}: " + (attempt.Status is >= 200 and < 300 ? $"delivered (HTTP {attempt.Status})"
                    : attempt.Status is { } status ? $"failed (HTTP {status})" : $"failed ({attempt.Error})")));
        }

        foreach (var batch in batches)
        {
            if (batch.DueAt is { } due && due <= now)
            {
                var what = batch.Submissions == 0 ? "nothing submitted"
                    : batch.Scored ? $"scored {batch.Score:0.###} (relative {batch.Relative:0.00}){(batch.Late ? ", late" : "")}"
                    : $"{batch.Submissions} submission(s), not scored yet";
                entries.Add(new TimelineEntry(due, "batch", $"Batch {batch.Seq} due: {what}"));
            }
        }

        return [.. entries.OrderBy(e => e.At).ThenBy(e => e.Kind, StringComparer.Ordinal)];
    }
}
