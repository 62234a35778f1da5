using PPipe.Scenarios.Generation;

namespace PPipe.Scenarios.Timeline;

/// <summary>
/// A scenario run by a cohort: its <see cref="ScenarioSchedule"/> mapped to wall time. Scenario time =
/// start + (wall − start) × speed. Conversions are exact to the tick and consistent both ways: an event
/// is due at a wall time exactly when <see cref="ElapsedAt"/> of that time has reached the event, and
/// <see cref="WallTimeAt"/> gives the first wall tick where it has — so a grain woken at
/// <see cref="NextEventAfter"/> always finds the event due. Pure and immutable.
/// </summary>
public sealed class ScenarioTimeline
{
    /// <summary>Slowest supported speed: a year of scenario time then lasts a thousand years.</summary>
    public const double MinSpeed = 0.001;

    /// <summary>Fastest supported speed: four weeks then pass in 2.4 seconds.</summary>
    public const double MaxSpeed = 1_000_000;

    private const double MaxTicks = long.MaxValue / 4.0;

    public ScenarioTimeline(Scenario scenario, DateTimeOffset start, double speed)
        : this(new ScenarioSchedule(scenario), start, speed)
    {
    }

    public ScenarioTimeline(ScenarioSchedule schedule, DateTimeOffset start, double speed)
    {
        if (!double.IsFinite(speed) || speed < MinSpeed || speed > MaxSpeed)
        {
            throw new ArgumentOutOfRangeException(nameof(speed), speed, $"Speed must be between {MinSpeed} and {MaxSpeed}.");
        }

        Schedule = schedule;
        Start = start;
        Speed = speed;
        End = WallTimeAt(schedule.Duration);
    }

    public ScenarioSchedule Schedule { get; }

    public Scenario Scenario => Schedule.Scenario;

    /// <summary>The cohort's start (wall time), which is also scenario time zero.</summary>
    public DateTimeOffset Start { get; }

    public double Speed { get; }

    /// <summary>The wall time the scenario ends.</summary>
    public DateTimeOffset End { get; }

    /// <summary>Scenario time elapsed at a wall time (negative before the start).</summary>
    public TimeSpan ElapsedAt(DateTimeOffset wall) => TimeSpan.FromTicks(ElapsedTicks((wall - Start).Ticks));

    /// <summary>Scenario time at a wall time, as a date: start + elapsed.</summary>
    public DateTimeOffset ScenarioTimeAt(DateTimeOffset wall) => Start + ElapsedAt(wall);

    /// <summary>The first wall time at which scenario time has reached <paramref name="elapsed"/>.</summary>
    public DateTimeOffset WallTimeAt(TimeSpan elapsed)
    {
        var target = elapsed.Ticks;
        var wall = (long)Math.Ceiling(target / Speed);
        while (ElapsedTicks(wall - 1) >= target)
        {
            wall--;
        }

        while (ElapsedTicks(wall) < target)
        {
            wall++;
        }

        return Start + TimeSpan.FromTicks(wall);
    }

    /// <summary>The wall time at which scenario time shows <paramref name="scenarioTime"/>.</summary>
    public DateTimeOffset WallTimeOf(DateTimeOffset scenarioTime) => WallTimeAt(scenarioTime - Start);

    public bool HasEnded(DateTimeOffset wall) => wall >= End;

    /// <summary>Releases available at <paramref name="wall"/>, by seq.</summary>
    public IReadOnlyList<ReleaseInfo> ReleasesAt(DateTimeOffset wall) =>
        [.. Schedule.ReleasesAvailableAt(ElapsedAt(wall)).Select(Info)];

    /// <summary>The next release to become available after <paramref name="wall"/>, or null.</summary>
    public ReleaseInfo? NextReleaseAfter(DateTimeOffset wall) =>
        Schedule.NextReleaseAfter(ElapsedAt(wall)) is { } release ? Info(release) : null;

    public ReleaseInfo Release(int seq) => Info(Schedule.Releases[seq - 1]);

    /// <summary>Every batch with its status at <paramref name="wall"/>.</summary>
    public IReadOnlyList<BatchInfo> BatchesAt(DateTimeOffset wall)
    {
        var t = ElapsedAt(wall);
        return [.. Schedule.Batches.Select(b => Info(b, t))];
    }

    public BatchInfo Batch(int seq, DateTimeOffset wall) => Info(Schedule.Batches[seq - 1], ElapsedAt(wall));

    /// <summary>How a submission to batch <paramref name="seq"/> at <paramref name="wall"/> is treated.</summary>
    public SubmissionTiming JudgeSubmission(int seq, DateTimeOffset wall) => Schedule.Batches[seq - 1].JudgeSubmission(ElapsedAt(wall));

    /// <summary>The latest probe slot due at or before <paramref name="wall"/>, or null.</summary>
    public long? ProbeSlotAt(DateTimeOffset wall) => Schedule.ProbeSlotAt(ElapsedAt(wall));

    public DateTimeOffset ProbeSlotTime(long slot) => WallTimeAt(Schedule.ProbeSlotTime(slot));

    /// <summary>Probe slots due in (<paramref name="after"/>, <paramref name="upTo"/>].</summary>
    public ProbeSlotRange ProbeSlotsBetween(DateTimeOffset after, DateTimeOffset upTo) =>
        Schedule.ProbeSlotsBetween(ElapsedAt(after), ElapsedAt(upTo));

    public bool IsChannelDown(Channel channel, DateTimeOffset wall) => Schedule.IsChannelDown(channel, ElapsedAt(wall));

    /// <summary>Outage windows in wall time.</summary>
    public IReadOnlyList<OutageInfo> Outages => [.. Schedule.Outages.Select(o => new OutageInfo(o.Channel, WallTimeAt(o.From), WallTimeAt(o.To)))];

    /// <summary>When the next event of the given kinds is due after <paramref name="wall"/>: wake then. Null
    /// once the scenario has ended.</summary>
    public DateTimeOffset? NextEventAfter(DateTimeOffset wall, TimelineEventKinds kinds = TimelineEventKinds.All) =>
        Schedule.NextEventAfter(ElapsedAt(wall), kinds) is { } next ? WallTimeAt(next.At) : null;

    /// <summary>Events due in (<paramref name="after"/>, <paramref name="upTo"/>] (probe slots excluded; see
    /// <see cref="ProbeSlotsBetween"/>). Times are scenario times; <see cref="WallTimeAt"/> maps them.</summary>
    public IReadOnlyList<TimelineEvent> EventsBetween(DateTimeOffset after, DateTimeOffset upTo, TimelineEventKinds kinds = TimelineEventKinds.AllButProbes) =>
        Schedule.EventsBetween(ElapsedAt(after), ElapsedAt(upTo), kinds);

    /// <summary>A generator of this cohort's data for one enrollment (rows stamped with this cohort's scenario time).</summary>
    public ScenarioGenerator GeneratorFor(ulong enrollmentSeed) => new(Scenario, enrollmentSeed, Start);

    private ReleaseInfo Info(ScheduledRelease release) =>
        new(release.Seq, WallTimeAt(release.AvailableAt), release.Rows, release.Channel, release.Columns, release.IsDelayed);

    private BatchInfo Info(ScheduledBatch batch, TimeSpan t) =>
        new(
            batch.Seq,
            WallTimeAt(batch.OpensAt),
            WallTimeAt(batch.DueAt),
            WallTimeAt(batch.LabelsAt),
            WallTimeAt(batch.LateUntil),
            batch.Rows,
            batch.StatusAt(t));

    private long ElapsedTicks(long wallTicks)
    {
        var ticks = Math.Floor(wallTicks * Speed);
        return (long)Math.Clamp(ticks, -MaxTicks, MaxTicks);
    }
}
