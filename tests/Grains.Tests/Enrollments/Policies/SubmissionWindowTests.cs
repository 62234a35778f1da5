using PPipe.Grains.Assessment;
using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Scenarios;
using PPipe.Scenarios.Timeline;
using static PPipe.Grains.Tests.Enrollments.Policies.PolicyScenario;

namespace PPipe.Grains.Tests.Enrollments.Policies;

/// <summary>Batch 1 of <see cref="PolicyScenario"/> opens at 1d, is due at 1d12h, takes late work until 1d18h and has its
/// labels revealed at 2d.</summary>
public sealed class SubmissionWindowTests
{
    private static readonly SubmissionWindow ScenarioPolicy = SubmissionWindow.For(Definition, null, TimeSpan.Zero);

    [Theory]
    [InlineData(0.99, SubmissionTiming.NotOpen)]
    [InlineData(1.0, SubmissionTiming.OnTime)]
    [InlineData(1.49, SubmissionTiming.OnTime)]
    [InlineData(1.5, SubmissionTiming.Late)]
    [InlineData(1.74, SubmissionTiming.Late)]
    [InlineData(1.75, SubmissionTiming.Refused)]
    public void Judge_ScenarioPenaltyPolicyWithCutoff_LateUntilTheCutoff(double day, SubmissionTiming expected)
    {
        var timing = ScenarioPolicy.Judge(Batch(1), Day(day));

        Assert.Equal(expected, timing);
    }

    [Fact]
    public void Judge_CohortRejectsLateWork_RefusedFromTheDueTime()
    {
        var window = SubmissionWindow.For(Definition, new CohortLatePolicy("reject", 0, null), TimeSpan.Zero);

        var justBefore = window.Judge(Batch(1), Day(1.5) - TimeSpan.FromTicks(1));
        var atDue = window.Judge(Batch(1), Day(1.5));

        Assert.Equal(SubmissionTiming.OnTime, justBefore);
        Assert.Equal(SubmissionTiming.Refused, atDue);
        Assert.Equal(Day(1.5), window.ClosesAt(Batch(1)));
    }

    [Fact]
    public void Judge_CohortAcceptsWithoutCutoff_LateUntilTheLabelsAreRevealed()
    {
        var window = SubmissionWindow.For(Definition, new CohortLatePolicy("Accept", 0, null), TimeSpan.Zero);

        var beforeLabels = window.Judge(Batch(1), Day(2) - TimeSpan.FromTicks(1));
        var atLabels = window.Judge(Batch(1), Day(2));
        var beforeEnd = window.Judge(Batch(1), Day(4) - TimeSpan.FromTicks(1));

        Assert.Equal(SubmissionTiming.Late, beforeLabels);
        Assert.Equal(SubmissionTiming.Refused, atLabels);
        Assert.Equal(SubmissionTiming.Refused, beforeEnd);
        Assert.Equal(Day(2), window.ClosesAt(Batch(1)));
        Assert.True(window.ClosesWithTheLabels(Batch(1)));
    }

    [Fact]
    public void Admit_LateAfterTheLabelsAreRevealed_ClosedSayingTheyAreOut()
    {
        var window = SubmissionWindow.For(Definition, new CohortLatePolicy("penalty", 0.2, null), TimeSpan.Zero);

        var admission = window.Admit(Batch(1), Day(2.1), Clock, null, 2);

        Assert.Equal(new Admission(SubmissionStatus.Closed, false,
            $"Batch 1 takes no more work: its labels were revealed at {WallAt(Day(2)):O}, and no batch takes work once its labels are out.", 2), admission);
    }

    [Fact]
    public void Admit_ExtensionPastTheLabels_OnTimeUntilTheyAreRevealedThenClosed()
    {
        var window = SubmissionWindow.For(Definition, null, Hours(18));

        var before = window.Admit(Batch(1), Day(2) - TimeSpan.FromTicks(1), Clock, null, 2);
        var after = window.Admit(Batch(1), Day(2), Clock, null, 2);

        Assert.Equal((Day(2), Day(2)), (window.DueAt(Batch(1)), window.ClosesAt(Batch(1))));
        Assert.Equal(new Admission(SubmissionStatus.Accepted, false, "Accepted on time.", 2), before);
        Assert.Equal(SubmissionStatus.Closed, after.Status);
        Assert.StartsWith("Batch 1 takes no more work: its labels were revealed at ", after.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Admit_RejectPolicyAfterTheLabels_ClosedByThePolicy()
    {
        var window = SubmissionWindow.For(Definition, new CohortLatePolicy("reject", 0, null), TimeSpan.Zero);

        var admission = window.Admit(Batch(1), Day(2.1), Clock, null, 2);

        Assert.Equal($"Batch 1 closed at {WallAt(Day(1.5)):O} and this cohort takes no more work for it.", admission.Detail);
    }

    [Fact]
    public void ClosesAt_CutoffPastTheEnd_TheScenarioEnd()
    {
        var window = SubmissionWindow.For(Definition, new CohortLatePolicy("penalty", 0.5, Day(2)), TimeSpan.Zero);

        var closes = window.ClosesAt(Batch(3));

        Assert.Equal(Day(4), closes);
    }

    [Fact]
    public void Judge_Extension_MovesDueAndCutoffButNotTheOpening()
    {
        var window = SubmissionWindow.For(Definition, null, Hours(3));

        Assert.Equal(SubmissionTiming.NotOpen, window.Judge(Batch(1), Day(1) - TimeSpan.FromTicks(1)));
        Assert.Equal(SubmissionTiming.OnTime, window.Judge(Batch(1), Day(1.5) + Hours(3) - TimeSpan.FromTicks(1)));
        Assert.Equal(SubmissionTiming.Late, window.Judge(Batch(1), Day(1.5) + Hours(3)));
        Assert.Equal(SubmissionTiming.Refused, window.Judge(Batch(1), Day(1.75) + Hours(3)));
        Assert.Equal(Day(1.5) + Hours(3), window.DueAt(Batch(1)));
        Assert.Equal(Day(1.75) + Hours(3), window.ClosesAt(Batch(1)));
    }

    [Fact]
    public void Judge_ForecastUnderACohortThatAcceptsToTheEnd_RefusedOnceTheNextReleaseHoldsTheValues()
    {
        var forecast = Read("template: water-demand");
        var batch = new ScenarioSchedule(forecast).Batches[0];
        var window = SubmissionWindow.For(forecast, new CohortLatePolicy("accept", 0, null), TimeSpan.Zero);

        Assert.Equal(Day(1), batch.TakenUntil);
        Assert.Equal(SubmissionTiming.Late, window.Judge(batch, Day(1) - TimeSpan.FromTicks(1)));
        Assert.Equal(SubmissionTiming.Refused, window.Judge(batch, Day(1)));
        Assert.Equal(Day(1), window.ClosesAt(batch));
    }

    [Fact]
    public void Judge_ForecastWithAnExtensionPastTheNextRelease_DueAndClosedWhenTheValuesAreOut()
    {
        var forecast = Read("template: water-demand");
        var batch = new ScenarioSchedule(forecast).Batches[0];
        var window = SubmissionWindow.For(forecast, null, Hours(30));

        Assert.Equal(SubmissionTiming.OnTime, window.Judge(batch, Day(1) - TimeSpan.FromTicks(1)));
        Assert.Equal(SubmissionTiming.Refused, window.Judge(batch, Day(1)));
        Assert.Equal((Day(1), Day(1)), (window.DueAt(batch), window.ClosesAt(batch)));
    }

    [Fact]
    public void Admit_ForecastAfterItsValuesAreOut_SaysWhy()
    {
        var forecast = Read("template: water-demand");
        var batch = new ScenarioSchedule(forecast).Batches[0];
        var window = SubmissionWindow.For(forecast, new CohortLatePolicy("accept", 0, null), TimeSpan.Zero);

        var admission = window.Admit(batch, Day(1.5), Clock, null, 3);

        Assert.Equal(SubmissionStatus.Closed, admission.Status);
        Assert.StartsWith("Batch 1 takes no more work: the release published at ", admission.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void PolicyOf_CohortHasItsOwn_ItOverridesTheScenarios()
    {
        var scenarios = new LatePolicy(LatePolicyKind.Penalty, 0.25, Hours(6));

        var own = SubmissionWindow.PolicyOf(new CohortLatePolicy("accept", 0.9, Hours(1)), scenarios);
        var none = SubmissionWindow.PolicyOf(null, scenarios);

        Assert.Equal(new LatePolicy(LatePolicyKind.Accept, 0.9, Hours(1)), own);
        Assert.Equal(scenarios, none);
    }

    [Theory]
    [InlineData("penalty", true, 0.4)]
    [InlineData("penalty", false, 0.0)]
    [InlineData("accept", true, 0.0)]
    public void PenaltyFor_CountedSubmission_OnlyLateWorkUnderThePenaltyPolicyLoses(string policy, bool late, double expected)
    {
        var window = SubmissionWindow.For(Definition, new CohortLatePolicy(policy, 0.4, null), TimeSpan.Zero);

        var penalty = window.PenaltyFor(late);

        Assert.Equal(expected, penalty);
    }

    [Fact]
    public void Admit_BeforeTheBatchOpens_NotOpenWithTheOpeningTime()
    {
        var admission = ScenarioPolicy.Admit(Batch(1), Hours(20), Clock, null, 2);

        Assert.Equal(new Admission(SubmissionStatus.NotOpen, false, $"Batch 1 is not open yet; it opens at {WallAt(Day(1)):O}.", 2), admission);
    }

    [Fact]
    public void Admit_PausedBeforeTheOpening_NotOpenAtALaterTime()
    {
        var paused = Clock.Pause(WallAt(Hours(12)));

        var admission = ScenarioPolicy.Admit(Batch(1), Hours(12), paused, null, 2);

        Assert.Equal("Batch 1 is not open yet; it opens at a later time (the cohort is paused).", admission.Detail);
    }

    [Fact]
    public void Admit_PastTheCutoff_ClosedWithTheDeadline()
    {
        var admission = ScenarioPolicy.Admit(Batch(1), Day(1.8), Clock, null, 2);

        Assert.Equal(new Admission(SubmissionStatus.Closed, false,
            $"Batch 1 closed at {WallAt(Day(1.5)):O} and this cohort takes no more work for it.", 2), admission);
    }

    [Fact]
    public void Admit_AlreadyScored_ClosedEvenWhileLateWorkIsTaken()
    {
        var scored = new BatchOutcome { Seq = 1, Submissions = 1, LastOnTimeAt = WallAt(Day(1.2)), Scored = true };

        var admission = ScenarioPolicy.Admit(Batch(1), Day(1.6), Clock, scored, 2);

        Assert.Equal(new Admission(SubmissionStatus.Closed, false,
            "Batch 1 was already scored with your on-time submission; later work cannot replace it.", 1), admission);
    }

    [Fact]
    public void Admit_LimitUsed_LimitReached()
    {
        var used = new BatchOutcome { Seq = 1, Submissions = 2, LastOnTimeAt = WallAt(Day(1.2)) };

        var admission = ScenarioPolicy.Admit(Batch(1), Day(1.3), Clock, used, 2);

        Assert.Equal(new Admission(SubmissionStatus.LimitReached, false, "Batch 1 takes at most 2 submissions and you have used them all.", 0), admission);
    }

    [Fact]
    public void Admit_AfterTheExtendedDueTime_AcceptedLateNamingTheExtendedDeadline()
    {
        var window = SubmissionWindow.For(Definition, null, Hours(2));
        var receivedAt = WallAt(Day(1.6));

        var admission = window.Admit(Batch(1), Day(1.6), Clock, null, 2);
        var result = admission.Result(receivedAt, "sub-0001-1", 40);

        Assert.Equal(new Admission(SubmissionStatus.Accepted, true, $"Accepted late: batch 1 was due {WallAt(Day(1.5) + Hours(2)):O}.", 2), admission);
        Assert.Equal(new SubmissionResult(SubmissionStatus.Accepted, "sub-0001-1", receivedAt, 40, true, 1, admission.Detail), result);
    }

    [Fact]
    public void Admit_BeforeTheDueTime_AcceptedOnTime()
    {
        var admission = ScenarioPolicy.Admit(Batch(2), Day(2.25), Clock, null, 2);

        Assert.Equal(new Admission(SubmissionStatus.Accepted, false, "Accepted on time.", 2), admission);
    }

    [Fact]
    public void Result_Refused_NoIdNoRowsAndTheSameRemaining()
    {
        var receivedAt = WallAt(Day(1.8));
        var admission = ScenarioPolicy.Admit(Batch(1), Day(1.8), Clock, null, 2);

        var result = admission.Result(receivedAt, "ignored", 40);

        Assert.Equal(new SubmissionResult(SubmissionStatus.Closed, null, receivedAt, 0, false, 2, admission.Detail), result);
    }

    [Fact]
    public void DeadlineText_DeadlineAfterAnOpenPause_ItsDeadline()
    {
        var paused = Clock.Pause(WallAt(Day(1.2)));

        var text = ScenarioPolicy.DeadlineText(Batch(1), paused);

        Assert.Equal("its deadline", text);
    }

    [Fact]
    public void Progress_ScoredLateSubmission_AsTheStudentSeesIt()
    {
        var outcome = new BatchOutcome { Seq = 1, Submissions = 1, LastLateAt = WallAt(Day(1.6)), Scored = true, Score = 3.5, Relative = 0.6, CountedLate = true };

        var progress = SubmissionWindow.For(Definition, null, Hours(1)).Progress(Batch(1), outcome, 2, Clock);

        Assert.Equal(new BatchProgress(1, 1, 1, true, 3.5, 0.6, true, WallAt(Day(1.5) + Hours(1))), progress);
    }
}
