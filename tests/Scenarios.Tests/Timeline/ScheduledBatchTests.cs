using PPipe.Scenarios.Timeline;

namespace PPipe.Scenarios.Tests.Timeline;

/// <summary>
/// No batch takes work once its labels are revealed, whatever the late policy or an extension says. energy-demand's
/// batch 2 opens at 2d, is due at 2d6h and has its labels revealed at 3d6h; its own policy is a 20% penalty without a
/// cutoff.
/// </summary>
public sealed class ScheduledBatchTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly LatePolicy AcceptWithoutCutoff = new(LatePolicyKind.Accept, 0, null);

    [Fact]
    public void JudgeSubmission_PenaltyWithoutCutoff_LateUntilTheLabelsAreRevealedThenRefused()
    {
        var batch = new ScenarioSchedule(TestScenarios.Template("energy-demand")).Batches[1];

        Assert.Equal((Day(2.25), Day(3.25)), (batch.DueAt, batch.LabelsAt));
        Assert.Equal(SubmissionTiming.Late, batch.JudgeSubmission(batch.DueAt));
        Assert.Equal(SubmissionTiming.Late, batch.JudgeSubmission(batch.LabelsAt - Tick));
        Assert.Equal(SubmissionTiming.Refused, batch.JudgeSubmission(batch.LabelsAt));
        Assert.Equal(SubmissionTiming.Refused, batch.JudgeSubmission(Day(27)));
        Assert.Equal(batch.LabelsAt, batch.LateUntil);
    }

    [Fact]
    public void Timeline_PenaltyWithoutCutoff_LateWorkClosesWhenTheLabelsAreRevealed()
    {
        var timeline = new ScenarioTimeline(TestScenarios.Template("energy-demand"), Start, 1440);

        var batch = timeline.Batch(2, Start);
        var cutoffs = timeline.EventsBetween(Start, timeline.End, TimelineEventKinds.LateCutoff);

        Assert.Equal(batch.LabelsAt, batch.LateUntil);
        Assert.Equal(SubmissionTiming.Late, timeline.JudgeSubmission(2, batch.LabelsAt.AddSeconds(-1)));
        Assert.Equal(SubmissionTiming.Refused, timeline.JudgeSubmission(2, batch.LabelsAt));
        Assert.Contains(new TimelineEvent(Day(3.25), TimelineEventKinds.LateCutoff, 2), cutoffs);
    }

    [Fact]
    public void JudgeSubmission_CutoffBeforeTheLabels_TheCutoffStillWins()
    {
        var batch = Batch("template: energy-demand\nbatches: {late: {policy: penalty, penalty: 0.2, cutoff: 6h}}");

        Assert.Equal(SubmissionTiming.Late, batch.JudgeSubmission(Day(2.5) - Tick));
        Assert.Equal(SubmissionTiming.Refused, batch.JudgeSubmission(Day(2.5)));
        Assert.Equal(Day(2.5), batch.LateUntil);
    }

    [Fact]
    public void JudgeSubmission_CutoffPastTheLabels_RefusedOnceTheyAreRevealed()
    {
        var batch = Batch("template: energy-demand\nbatches: {late: {policy: accept, cutoff: 3d}}");

        Assert.Equal(SubmissionTiming.Late, batch.JudgeSubmission(batch.LabelsAt - Tick));
        Assert.Equal(SubmissionTiming.Refused, batch.JudgeSubmission(batch.LabelsAt));
        Assert.Equal(batch.LabelsAt, batch.LateUntil);
        Assert.True(batch.ClosedBeforeThePolicy(batch.Late, TimeSpan.Zero));
    }

    [Fact]
    public void JudgeSubmission_LabelsRevealedAtTheDueTime_NoLateWorkUnderAnyPolicy()
    {
        var batch = Batch("template: energy-demand\nbatches: {labelDelay: 0s, late: {policy: accept}}");

        Assert.Equal(SubmissionTiming.OnTime, batch.JudgeSubmission(batch.DueAt - Tick));
        Assert.Equal(SubmissionTiming.Refused, batch.JudgeSubmission(batch.DueAt));
        Assert.Equal(batch.DueAt, batch.LateUntil);
    }

    [Fact]
    public void JudgeSubmission_ExtensionPastTheLabels_OnTimeUntilTheyAreRevealedThenRefused()
    {
        var batch = new ScenarioSchedule(TestScenarios.Template("energy-demand")).Batches[1];
        var extension = TimeSpan.FromDays(2);

        Assert.Equal(SubmissionTiming.OnTime, batch.JudgeSubmission(batch.LabelsAt - Tick, AcceptWithoutCutoff, extension));
        Assert.Equal(SubmissionTiming.Refused, batch.JudgeSubmission(batch.LabelsAt, AcceptWithoutCutoff, extension));
        Assert.Equal((batch.LabelsAt, batch.LabelsAt), (batch.DueFor(extension), batch.ClosesFor(AcceptWithoutCutoff, extension)));
    }

    [Fact]
    public void JudgeSubmission_Forecast_RefusedOnceItsValuesArePublishedBeforeItsLabels()
    {
        var batch = new ScenarioSchedule(TestScenarios.Template("water-demand")).Batches[0];

        Assert.Equal((Day(0.25), Day(1), Day(1.25)), (batch.DueAt, batch.ValuesPublishedAt!.Value, batch.LabelsAt));
        Assert.Equal(Day(1), batch.TakenUntil);
        Assert.False(batch.ClosesWithItsLabels);
        Assert.Equal(SubmissionTiming.Late, batch.JudgeSubmission(Day(1) - Tick, AcceptWithoutCutoff, TimeSpan.Zero));
        Assert.Equal(SubmissionTiming.Refused, batch.JudgeSubmission(Day(1), AcceptWithoutCutoff, TimeSpan.Zero));
        Assert.Equal(Day(0.75), batch.LateUntil);
    }

    private static ScheduledBatch Batch(string spec) => new ScenarioSchedule(TestScenarios.Read(spec)).Batches[1];

    private static TimeSpan Day(double days) => TimeSpan.FromDays(days);
}
