using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PPipe.Grains.Interfaces.Calendar;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Scenarios;
using PPipe.Scenarios.Spec;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Client.Calendar;

/// <summary>
/// One student's schedule in wall-clock UTC: every release, every batch window, the student's own due times and late
/// cutoffs (their extension included, under the cohort's late policy, else the scenario's) and the end, placed by the
/// cohort's clock. A pure function of the cohort, the scenario and the extension, so the calendar feed and the schedule
/// JSON say the same, on every front end, and the same inputs always give the same events.
/// <para>
/// While the cohort is paused, an event after the moment it paused keeps the time it had before the pause, marked
/// tentative: it will move later by however long the pause lasts. A resume moves it; each pause and resume that touches an
/// event, and each change of the extension for a deadline, adds to its <see cref="ScheduleEntry.Sequence"/>.
/// </para>
/// </summary>
public sealed record StudentSchedule(
    IReadOnlyList<ScheduleEntry> Entries,
    TimeSpan Extension,
    DateTimeOffset? PausedSince,
    DateTimeOffset LastModified)
{
    public static StudentSchedule Of(EnrollmentKey enrollment, CohortInfo cohort, ScenarioSchedule schedule, StudentExtension extension)
    {
        ArgumentNullException.ThrowIfNull(enrollment);
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(extension);
        var builder = new Builder(UidSuffix(enrollment), cohort, extension);
        foreach (var release in schedule.Releases)
        {
            builder.Release(release, schedule);
        }

        var late = LatePolicyOf(cohort.Late, schedule.Scenario.Batches?.Late);
        foreach (var batch in schedule.Batches)
        {
            builder.Batch(batch, late!);
        }

        builder.Add(ScheduleEntryKind.End, 0, "Scenario ends", "The scenario ends: nothing is released or due after this.", schedule.Duration, null, deadline: false);
        var entries = builder.Entries.OrderBy(e => e.Start).ThenBy(e => e.Kind).ThenBy(e => e.Seq).ToList();
        var pausedSince = cohort.Clock.IsPaused ? cohort.Clock.Pauses[^1].PausedAt : (DateTimeOffset?)null;
        return new StudentSchedule(entries, extension.Extension, pausedSince, entries.Count == 0 ? Seconds(cohort.CreatedAt) : entries.Max(e => e.LastModified));
    }

    /// <summary>The late policy in force: the cohort's own when it has one, else the scenario's (null without batches).</summary>
    public static LatePolicy? LatePolicyOf(CohortLatePolicy? cohortPolicy, LatePolicy? scenarioPolicy) => cohortPolicy is { } own
        ? new LatePolicy(Enum.Parse<LatePolicyKind>(own.Policy, ignoreCase: true), own.Penalty, own.Cutoff)
        : scenarioPolicy;

    /// <summary>A short, stable, non-reversible name for the enrollment in event UIDs.</summary>
    private static string UidSuffix(EnrollmentKey enrollment) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(enrollment.ToString())).AsSpan(0, 8));

    private static DateTimeOffset Seconds(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    private static string Text(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Where an instant of scenario time falls on the wall clock, and what moved it there.</summary>
    private readonly record struct Placement(DateTimeOffset Wall, bool Tentative, int Moves, DateTimeOffset? MovedAt);

    private sealed class Builder(string uidSuffix, CohortInfo cohort, StudentExtension extension)
    {
        public List<ScheduleEntry> Entries { get; } = [];

        public void Release(ScheduledRelease release, ScenarioSchedule schedule)
        {
            var description = $"Release {release.Seq}: {release.Rows} labelled rows through the {ChannelName(release.Channel)} channel.";
            if (release.IsDelayed)
            {
                description += $" Delayed by an outage of the channel (it was due at {Text(Seconds(Place(release.Due).Wall))}).";
            }

            Add(ScheduleEntryKind.Release, release.Seq, $"Release {release.Seq} out", description, release.AvailableAt, null, deadline: false);
        }

        /// <summary>The batch's window, the student's due time and, when late work is taken, when it stops: the same times
        /// the enrollment judges submissions by (<see cref="ScheduledBatch.DueFor"/>, <see cref="ScheduledBatch.ClosesFor"/>).</summary>
        public void Batch(ScheduledBatch batch, LatePolicy late)
        {
            var due = batch.DueFor(extension.Extension);
            var closes = batch.ClosesFor(late, extension.Extension);
            var byLabels = batch.ClosedBeforeThePolicy(late, extension.Extension);
            var mine = extension.Extension > TimeSpan.Zero
                ? $" It includes your extension of {ScenarioDuration.Format(extension.Extension)} of scenario time."
                : "";
            Add(ScheduleEntryKind.BatchWindow, batch.Seq, $"Batch {batch.Seq} open",
                $"Batch {batch.Seq} takes predictions for its {batch.Rows} rows until your due time.{mine}", batch.OpensAt, due, deadline: true);
            Add(ScheduleEntryKind.BatchDue, batch.Seq, $"Batch {batch.Seq} due",
                $"Your due time for batch {batch.Seq}.{mine} {LateText(late, closes > due, byLabels ? Reveal(batch) : "its late cutoff")}", due, null, deadline: true);
            if (closes > due)
            {
                Add(ScheduleEntryKind.LateCutoff, batch.Seq, $"Batch {batch.Seq}: late work closes",
                    byLabels ? $"Batch {batch.Seq} takes no more late work after this: {Reveal(batch)} then." : $"Batch {batch.Seq} takes no more late work after this.{mine}",
                    closes, null, deadline: true);
            }
        }

        public void Add(ScheduleEntryKind kind, int seq, string title, string description, TimeSpan start, TimeSpan? end, bool deadline)
        {
            var from = Place(start);
            var to = end is { } e ? Place(e) : from;
            var tentative = from.Tentative || to.Tentative;
            if (tentative)
            {
                description += $" The cohort is paused (since {Text(Seconds(cohort.Clock.Pauses[^1].PausedAt))}): this time moves later by however long the pause lasts.";
            }

            // The end of an event is its latest instant: whatever moved the start moved the end too.
            var sequence = to.Moves + (deadline ? extension.Revision : 0);
            var modified = cohort.CreatedAt;
            if (to.MovedAt is { } moved && moved > modified)
            {
                modified = moved;
            }

            if (deadline && extension.ChangedAt is { } changed && changed > modified)
            {
                modified = changed;
            }

            Entries.Add(new ScheduleEntry($"{UidKind(kind)}-{seq}-{uidSuffix}@ppipe", kind, seq, title, description.Trim(),
                Seconds(from.Wall), end is null ? null : Seconds(to.Wall), tentative, sequence, Seconds(modified)));
        }

        /// <summary>
        /// The wall time of scenario time <paramref name="elapsed"/>, walking the pauses as <see cref="CohortClock.WallTimeAt"/>
        /// does, but through an open pause (as if it ended where it began) rather than stopping there, and counting what moved
        /// it: a resumed pause changed the event twice (tentative, then moved), an open one once.
        /// </summary>
        private Placement Place(TimeSpan elapsed)
        {
            var clock = cohort.Clock;
            var wall = clock.StartsAt + elapsed / clock.Speed;
            if (elapsed <= TimeSpan.Zero)
            {
                return new Placement(wall, false, 0, null);
            }

            var moves = 0;
            DateTimeOffset? movedAt = null;
            foreach (var pause in clock.Pauses.IsDefault ? [] : clock.Pauses)
            {
                var pausedAt = pause.PausedAt > clock.StartsAt ? pause.PausedAt : clock.StartsAt;
                if (pausedAt >= wall)
                {
                    break;
                }

                if (pause.ResumedAt is not { } resumed)
                {
                    return new Placement(wall, true, moves + 1, pause.PausedAt);
                }

                if (resumed > pausedAt)
                {
                    wall += resumed - pausedAt;
                }

                moves += 2;
                movedAt = resumed;
            }

            return new Placement(wall, false, moves, movedAt);
        }

        /// <summary>What ends a batch's late work before its policy does.</summary>
        private static string Reveal(ScheduledBatch batch) =>
            batch.ClosesWithItsLabels ? "its labels are revealed" : "the values it asks for are published";

        private static string LateText(LatePolicy late, bool taken, string end)
        {
            var until = $"until {end}";
            return late.Kind switch
            {
                _ when !taken && late.Kind != LatePolicyKind.Reject => $"Late work is refused: {end} at the due time.",
                LatePolicyKind.Reject => "Late work is refused.",
                LatePolicyKind.Penalty => $"Late work is taken {until} and loses {late.Penalty.ToString("P0", CultureInfo.InvariantCulture)} of its score.",
                _ => $"Late work is taken {until} at full score.",
            };
        }

        private static string ChannelName(Channel channel) => ScenarioNames.Of(channel);

        private static string UidKind(ScheduleEntryKind kind) => kind switch
        {
            ScheduleEntryKind.Release => "release",
            ScheduleEntryKind.BatchWindow => "batch",
            ScheduleEntryKind.BatchDue => "due",
            ScheduleEntryKind.LateCutoff => "cutoff",
            _ => "end",
        };
    }
}
