using PPipe.Scenarios.Timeline;

namespace PPipe.Scenarios.Tests.Timeline;

public sealed class ScenarioTimelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly Scenario Taxi = TestScenarios.Template("taxi-fares");
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public void Timeline_Speed1_ScenarioTimeIsWallTime()
    {
        var timeline = new ScenarioTimeline(Taxi, Start, 1);

        Assert.Equal(TimeSpan.FromHours(5), timeline.ElapsedAt(Start.AddHours(5)));
        Assert.Equal(Start.AddHours(5), timeline.ScenarioTimeAt(Start.AddHours(5)));
        Assert.Equal(Start.AddDays(28), timeline.End);
    }

    [Fact]
    public void ReleasesAt_Speed1_ComeOnceADayFromTheStart()
    {
        var timeline = new ScenarioTimeline(Taxi, Start, 1);

        var releases = timeline.ReleasesAt(Start.AddDays(5).AddHours(1));

        Assert.Equal([1, 2, 3, 4, 5, 6], releases.Select(r => r.Seq));
        Assert.Equal(Start.AddDays(5), releases[^1].ReleasedAt);
        Assert.Equal(2000, releases[^1].Rows);
        Assert.Equal(Channel.Api, releases[^1].Channel);
        Assert.Equal("id", releases[^1].Columns[0]);
        Assert.Equal(Start.AddDays(6), timeline.NextReleaseAfter(Start.AddDays(5).AddHours(1))!.ReleasedAt);
    }

    [Fact]
    public void Timeline_Speed10000_FourWeeksPassInFourMinutes()
    {
        var timeline = new ScenarioTimeline(Taxi, Start, 10_000);

        var fifteenth = timeline.Release(15);

        Assert.Equal(Start + TimeSpan.FromSeconds(14 * 86_400 / 10_000.0), fifteenth.ReleasedAt);
        Assert.Equal(Start + TimeSpan.FromSeconds(28 * 86_400 / 10_000.0), timeline.End);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(7.3)]
    [InlineData(1440.0)]
    [InlineData(10_000.0)]
    public void Release_ExactlyAtItsWallTime_IsAvailableAndOneTickEarlierIsNot(double speed)
    {
        var timeline = new ScenarioTimeline(Taxi, Start, speed);

        foreach (var release in timeline.Schedule.Releases)
        {
            var at = timeline.Release(release.Seq).ReleasedAt;

            Assert.Contains(timeline.ReleasesAt(at), r => r.Seq == release.Seq);
            Assert.DoesNotContain(timeline.ReleasesAt(at - Tick), r => r.Seq == release.Seq);
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(3.7)]
    [InlineData(1440.0)]
    [InlineData(10_000.0)]
    [InlineData(123_456.789)]
    public void WallTimeAt_AnySpeed_IsTheFirstTickWhereScenarioTimeHasArrived(double speed)
    {
        var timeline = new ScenarioTimeline(Taxi, Start, speed);

        for (var ticks = 0L; ticks < TimeSpan.FromDays(30).Ticks; ticks += 9_876_543_211)
        {
            var elapsed = TimeSpan.FromTicks(ticks);

            var wall = timeline.WallTimeAt(elapsed);

            Assert.True(timeline.ElapsedAt(wall) >= elapsed);
            Assert.True(timeline.ElapsedAt(wall - Tick) < elapsed);
        }
    }

    [Fact]
    public void Batch_AtBoundaries_StatusChangesExactlyThere()
    {
        var timeline = new ScenarioTimeline(Taxi, Start, 10_000);
        var batch = timeline.Batch(3, Start);

        Assert.Equal(BatchStatus.Upcoming, timeline.Batch(3, batch.OpensAt - Tick).Status);
        Assert.Equal(BatchStatus.Open, timeline.Batch(3, batch.OpensAt).Status);
        Assert.Equal(BatchStatus.Open, timeline.Batch(3, batch.DueAt - Tick).Status);
        Assert.Equal(BatchStatus.Closed, timeline.Batch(3, batch.DueAt).Status);
        Assert.Equal(timeline.WallTimeAt(TimeSpan.FromDays(3.5)), batch.DueAt);
        Assert.Equal(timeline.WallTimeAt(TimeSpan.FromDays(4)), batch.LabelsAt);
    }

    [Fact]
    public void JudgeSubmission_PenaltyWithCutoff_OnTimeThenLateThenRefused()
    {
        var timeline = new ScenarioTimeline(Taxi, Start, 1440);
        var batch = timeline.Batch(2, Start);

        Assert.Equal(SubmissionTiming.NotOpen, timeline.JudgeSubmission(2, batch.OpensAt - Tick));
        Assert.Equal(SubmissionTiming.OnTime, timeline.JudgeSubmission(2, batch.DueAt - Tick));
        Assert.Equal(SubmissionTiming.Late, timeline.JudgeSubmission(2, batch.DueAt));
        Assert.Equal(SubmissionTiming.Late, timeline.JudgeSubmission(2, batch.LateUntil - Tick));
        Assert.Equal(SubmissionTiming.Refused, timeline.JudgeSubmission(2, batch.LateUntil));
        Assert.Equal(0.25, Taxi.Batches!.Late.Penalty);
    }

    [Fact]
    public void JudgeSubmission_RejectPolicy_RefusesAnythingAfterTheDueTime()
    {
        var timeline = new ScenarioTimeline(TestScenarios.Template("card-fraud"), Start, 1);
        var batch = timeline.Batch(4, Start);

        Assert.Equal(batch.DueAt, batch.LateUntil);
        Assert.Equal(SubmissionTiming.Refused, timeline.JudgeSubmission(4, batch.DueAt));
    }

    [Fact]
    public void NextEventAfter_WakingAtEachAnswer_FindsSomethingDueEveryTimeAndStopsAtTheEnd()
    {
        var timeline = new ScenarioTimeline(Taxi, Start, 10_000);
        var wakeUps = 0;
        var probes = 0L;
        var events = 0;
        var now = Start - TimeSpan.FromSeconds(1);

        while (timeline.NextEventAfter(now) is { } next)
        {
            Assert.True(next > now);
            var due = timeline.EventsBetween(now, next, TimelineEventKinds.All);
            var slots = timeline.ProbeSlotsBetween(now, next);
            Assert.True(due.Count > 0 || slots.Count > 0, $"nothing due at {next:O}");
            events += due.Count;
            probes += slots.Count;
            wakeUps++;
            now = next;
        }

        Assert.Equal(timeline.End, now);
        Assert.Equal(timeline.Schedule.ProbeSlotCount, probes);
        Assert.Equal(timeline.EventsBetween(Start - TimeSpan.FromSeconds(1), timeline.End, TimelineEventKinds.All).Count, events);
        Assert.True(wakeUps > 600);
    }

    [Fact]
    public void NextEventAfter_WithoutProbes_SkipsProbeSlots()
    {
        var timeline = new ScenarioTimeline(Taxi, Start, 1);

        var next = timeline.NextEventAfter(Start.AddDays(3).AddMinutes(1), TimelineEventKinds.AllButProbes);

        Assert.Equal(Start.AddDays(3).AddHours(12), next);
    }

    [Fact]
    public void Timeline_ScenarioEnded_EverythingIsOutAndNothingIsNext()
    {
        var timeline = new ScenarioTimeline(Taxi, Start, 10_000);
        var later = timeline.End.AddDays(3);

        Assert.True(timeline.HasEnded(timeline.End));
        Assert.False(timeline.HasEnded(timeline.End - Tick));
        Assert.Null(timeline.NextEventAfter(timeline.End));
        Assert.Null(timeline.NextEventAfter(later));
        Assert.Equal(28, timeline.ReleasesAt(later).Count);
        Assert.All(timeline.BatchesAt(later), b => Assert.Equal(BatchStatus.Closed, b.Status));
        Assert.Equal(timeline.Schedule.ProbeSlotCount - 1, timeline.ProbeSlotAt(later));
        Assert.Equal(0, timeline.ProbeSlotsBetween(timeline.End, later).Count);
    }

    [Fact]
    public void Timeline_BeforeTheStart_NothingIsOutAndTheStartIsNext()
    {
        var timeline = new ScenarioTimeline(Taxi, Start, 1440);
        var early = Start.AddHours(-2);

        Assert.True(timeline.ElapsedAt(early) < TimeSpan.Zero);
        Assert.Empty(timeline.ReleasesAt(early));
        Assert.All(timeline.BatchesAt(early), b => Assert.Equal(BatchStatus.Upcoming, b.Status));
        Assert.Null(timeline.ProbeSlotAt(early));
        Assert.Equal(Start, timeline.NextEventAfter(early));
    }

    [Fact]
    public void Release_ChannelDownAtItsTime_IsDelayedUntilTheChannelIsBack()
    {
        var timeline = new ScenarioTimeline(Taxi, Start, 1);

        var tenth = timeline.Release(10);

        Assert.Equal(Start.AddDays(9).AddHours(8), tenth.ReleasedAt);
        Assert.True(tenth.Delayed);
        Assert.True(timeline.IsChannelDown(Channel.Api, Start.AddDays(9)));
        Assert.True(timeline.IsChannelDown(Channel.Api, Start.AddDays(9).AddHours(8) - Tick));
        Assert.False(timeline.IsChannelDown(Channel.Api, Start.AddDays(9).AddHours(8)));
        Assert.False(timeline.IsChannelDown(Channel.Bucket, Start.AddDays(9).AddHours(1)));
        Assert.Equal([new OutageInfo(Channel.Api, Start.AddDays(9), Start.AddDays(9).AddHours(8))], timeline.Outages);
    }

    [Fact]
    public void Outage_OnOneChannelOfARotation_LetsALaterReleaseArriveFirst()
    {
        var scenario = TestScenarios.Read("""
            template: taxi-fares
            releases: {rotation: [api, webhook]}
            quirks:
              - {at: 9d, kind: outage, channel: webhook, for: 36h}
            """);
        var timeline = new ScenarioTimeline(scenario, Start, 1);

        var available = timeline.ReleasesAt(Start.AddDays(10).AddHours(2)).Select(r => r.Seq).ToList();

        Assert.Contains(11, available);
        Assert.DoesNotContain(10, available);
        Assert.Equal(Start.AddDays(10.5), timeline.Release(10).ReleasedAt);
    }

    [Fact]
    public void ProbeSlotsBetween_CoarseTicksAtHighSpeed_CoverEverySlotOnce()
    {
        var timeline = new ScenarioTimeline(TestScenarios.Template("energy-demand"), Start, 10_000);
        var covered = 0L;
        var expectedFirst = 0L;

        for (var tick = Start; tick < timeline.End.AddMinutes(1); tick = tick.AddSeconds(7))
        {
            var slots = timeline.ProbeSlotsBetween(tick.AddSeconds(-7), tick);
            if (slots.Count > 0)
            {
                Assert.Equal(expectedFirst, slots.First);
                expectedFirst = slots.Last + 1;
            }

            covered += slots.Count;
        }

        Assert.Equal(timeline.Schedule.ProbeSlotCount, covered);
        Assert.Equal(timeline.WallTimeAt(TimeSpan.FromDays(4)), timeline.ProbeSlotTime(0));
    }

    [Fact]
    public void EventsBetween_DriftQuirksAndOutages_AreListedAtTheirTimes()
    {
        var timeline = new ScenarioTimeline(Taxi, Start, 1);

        var events = timeline.EventsBetween(Start.AddDays(8), Start.AddDays(14), TimelineEventKinds.Drift | TimelineEventKinds.Quirk | TimelineEventKinds.OutageStarts | TimelineEventKinds.OutageEnds);

        Assert.Equal(
            [
                new TimelineEvent(TimeSpan.FromDays(9), TimelineEventKinds.OutageStarts, 0),
                new TimelineEvent(TimeSpan.FromDays(9), TimelineEventKinds.Quirk, 1),
                new TimelineEvent(TimeSpan.FromDays(9) + TimeSpan.FromHours(8), TimelineEventKinds.OutageEnds, 0),
                new TimelineEvent(TimeSpan.FromDays(14), TimelineEventKinds.Drift, 0),
            ],
            events);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(0.0001)]
    [InlineData(2e6)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_SpeedOutOfRange_Throws(double speed)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScenarioTimeline(Taxi, Start, speed));
    }
}
