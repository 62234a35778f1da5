using PPipe.Grains.Client.Calendar;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Scenarios.Spec;

namespace PPipe.Frontend.Calendar;

/// <summary>
/// <c>GET /api/v1/schedule</c>: the student's schedule, the same events as their calendar feed at <see cref="FeedUrl"/>,
/// in wall-clock UTC (whole seconds). <see cref="Extension"/> is the student's deadline extension as a scenario duration.
/// </summary>
public sealed record ScheduleResponse(
    string FeedUrl,
    ScheduleResponse.ClockPart Clock,
    string Extension,
    DateTimeOffset LastModified,
    IReadOnlyList<ScheduleResponse.EventPart> Events)
{
    /// <summary>The cohort's clock: start, speed, and since when it is paused (null while running).</summary>
    public sealed record ClockPart(DateTimeOffset StartsAt, double Speed, bool Paused, DateTimeOffset? PausedSince);

    /// <summary>
    /// One event: <c>uid</c> as in the feed; <c>seq</c> the release or batch (null for the end); <c>end</c> null for an
    /// instant; <c>tentative</c> while the cohort is paused before it (it moves later by the pause's length); <c>sequence</c>
    /// and <c>lastModified</c> change whenever a pause, a resume or an extension moves it.
    /// </summary>
    public sealed record EventPart(
        string Uid,
        ScheduleEntryKind Kind,
        int? Seq,
        string Title,
        string Description,
        DateTimeOffset Start,
        DateTimeOffset? End,
        bool Tentative,
        int Sequence,
        DateTimeOffset LastModified);

    public static ScheduleResponse Of(StudentSchedule schedule, CohortClock clock, string feedUrl)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(clock);
        return new ScheduleResponse(
            feedUrl,
            new ClockPart(clock.StartsAt, clock.Speed, schedule.PausedSince is not null, schedule.PausedSince),
            ScenarioDuration.Format(schedule.Extension),
            schedule.LastModified,
            [.. schedule.Entries.Select(e => new EventPart(e.Uid, e.Kind, e.Kind == ScheduleEntryKind.End ? null : e.Seq, e.Title, e.Description,
                e.Start, e.End, e.Tentative, e.Sequence, e.LastModified))]);
    }
}
