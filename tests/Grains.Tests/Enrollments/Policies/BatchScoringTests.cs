using PPipe.Grains.Assessment;
using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Scenarios.Assessment;
using PPipe.Scenarios.Generation;
using static PPipe.Grains.Tests.Enrollments.Policies.PolicyScenario;

namespace PPipe.Grains.Tests.Enrollments.Policies;

/// <summary>Batch 1 of <see cref="PolicyScenario"/> is due at 1d12h and closes at 1d18h; batch 2 is due at 2d12h.</summary>
public sealed class BatchScoringTests
{
    private const ulong Seed = 42;
    private static readonly SubmissionWindow Window = SubmissionWindow.For(Definition, null, TimeSpan.Zero);

    [Fact]
    public void Sealed_BeforeAnyDueTime_Nothing()
    {
        var sealedBatches = BatchScoring.Sealed(Schedule.Batches, [], Window, Day(1.5) - TimeSpan.FromTicks(1));

        Assert.Empty(sealedBatches);
    }

    [Fact]
    public void Sealed_DueWithAnOnTimeSubmission_SealedAtTheDueTime()
    {
        BatchOutcome[] outcomes = [new() { Seq = 1, Submissions = 1, LastOnTimeAt = WallAt(Day(1.2)) }];

        var sealedBatches = BatchScoring.Sealed(Schedule.Batches, outcomes, Window, Day(1.5));

        Assert.Equal([1], sealedBatches.Select(b => b.Seq));
    }

    [Fact]
    public void Sealed_DueWithoutSubmissionOrOnlyLate_WaitsForTheCutoff()
    {
        BatchOutcome[] lateOnly = [new() { Seq = 1, Submissions = 1, LastLateAt = WallAt(Day(1.6)) }];

        var beforeCutoff = BatchScoring.Sealed(Schedule.Batches, lateOnly, Window, Day(1.75) - TimeSpan.FromTicks(1));
        var atCutoffLate = BatchScoring.Sealed(Schedule.Batches, lateOnly, Window, Day(1.75));
        var atCutoffNone = BatchScoring.Sealed(Schedule.Batches, [], Window, Day(1.75));

        Assert.Empty(beforeCutoff);
        Assert.Equal([1], atCutoffLate.Select(b => b.Seq));
        Assert.Equal([1], atCutoffNone.Select(b => b.Seq));
    }

    [Fact]
    public void Sealed_ScoredBefore_NotAgain()
    {
        BatchOutcome[] outcomes = [new() { Seq = 1, Scored = true }];

        var sealedBatches = BatchScoring.Sealed(Schedule.Batches, outcomes, Window, Day(2.8));

        Assert.Equal([2], sealedBatches.Select(b => b.Seq));
    }

    [Fact]
    public void Sealed_Extension_MovesTheDueTimeAndTheCutoff()
    {
        var extended = SubmissionWindow.For(Definition, null, Hours(4));
        BatchOutcome[] onTime = [new() { Seq = 1, Submissions = 1, LastOnTimeAt = WallAt(Day(1.55)) }];

        var atDue = BatchScoring.Sealed(Schedule.Batches, onTime, extended, Day(1.5));
        var atExtendedDue = BatchScoring.Sealed(Schedule.Batches, onTime, extended, Day(1.5) + Hours(4));
        var unsubmittedAtCutoff = BatchScoring.Sealed(Schedule.Batches, [], extended, Day(1.75));
        var unsubmittedAtExtendedCutoff = BatchScoring.Sealed(Schedule.Batches, [], extended, Day(1.75) + Hours(4));

        Assert.Empty(atDue);
        Assert.Equal([1], atExtendedDue.Select(b => b.Seq));
        Assert.Empty(unsubmittedAtCutoff);
        Assert.Equal([1], unsubmittedAtExtendedCutoff.Select(b => b.Seq));
    }

    [Fact]
    public void Score_NoCountedSubmission_ScoresZeroWithNothingToCheck()
    {
        var outcome = new BatchOutcome { Seq = 1 };
        var scoredAt = WallAt(Day(1.75));

        var scored = Assert.Single(BatchScoring.Score(Definition, Seed, StartsAt, [Batch(1)], [null], Window));
        scored.ApplyTo(outcome, scoredAt);

        Assert.Equal(new ScoredBatch(1, null, null), scored);
        Assert.True(outcome.Scored);
        Assert.Equal(scoredAt, outcome.ScoredAt);
        Assert.Equal(0, outcome.Relative);
    }

    [Fact]
    public void Score_OracleSubmittedOnTime_RelativeOneAndPredictionsAlignedForTheCopyCheck()
    {
        var truths = new ScenarioGenerator(Definition, Seed, StartsAt).BatchTruth(1);
        var submission = Stored(late: false, [.. truths.Select(t => t.Oracle)]);

        var scored = Assert.Single(BatchScoring.Score(Definition, Seed, StartsAt, [Batch(1)], [submission], Window));
        var verdict = scored.Verdict!;

        Assert.Equal((false, 0.0, 40, 1.0), (verdict.CountedLate, verdict.Penalty, verdict.Rows, verdict.Relative));
        Assert.Equal(verdict.Oracle, verdict.Score);
        Assert.Equal(BatchIds.FromTruths(truths).Count, scored.Counted!.Count);
        Assert.Equal(truths.Select(t => t.Id), Enumerable.Range(0, scored.Counted.Count).Select(i => scored.Counted.Ids[i]));
        Assert.Same(submission!.Predictions.Predictions, scored.Counted.Predictions);
    }

    [Fact]
    public void Score_OracleSubmittedLateUnderAPenalty_LosesThePenalty()
    {
        var truths = new ScenarioGenerator(Definition, Seed, StartsAt).BatchTruth(1);
        var outcome = new BatchOutcome { Seq = 1, Submissions = 1, LastLateAt = WallAt(Day(1.6)) };

        var scored = Assert.Single(BatchScoring.Score(Definition, Seed, StartsAt, [Batch(1)], [Stored(late: true, [.. truths.Select(t => t.Oracle)])], Window));
        scored.ApplyTo(outcome, WallAt(Day(1.75)));

        Assert.True(outcome.Scored);
        Assert.True(outcome.CountedLate);
        Assert.Equal(0.25, outcome.Penalty);
        Assert.Equal(0.75, outcome.Relative);
        Assert.Equal(40, outcome.Rows);
    }

    [Fact]
    public void Score_StaleModelSubmitted_RelativeZeroWhateverTheCohortPolicy()
    {
        var drifting = Read(Spec.Replace("drift: []", "drift: [{at: 0d, kind: concept, effects: {base: 9}}]", StringComparison.Ordinal));
        var truths = new ScenarioGenerator(drifting, Seed, StartsAt).BatchTruth(1);
        var window = SubmissionWindow.For(drifting, new CohortLatePolicy("accept", 0, null), TimeSpan.Zero);

        var scored = Assert.Single(BatchScoring.Score(drifting, Seed, StartsAt, [new PPipe.Scenarios.Timeline.ScenarioSchedule(drifting).Batches[0]],
            [Stored(late: true, [.. truths.Select(t => t.Stale)])], window));

        Assert.Equal(0, scored.Verdict!.Relative, 9);
        Assert.Equal(0, scored.Verdict.Penalty);
        Assert.True(scored.Verdict.CountedLate);
    }

    private static StoredSubmission? Stored(bool late, double[] predictions) =>
        new("sub-0001-1", WallAt(Day(1.2)), late, new BatchSubmission(predictions, null));
}
