using PPipe.Grains.Assessment;
using PPipe.Grains.Enrollments.Policies;
using static PPipe.Grains.Tests.Enrollments.Policies.PolicyScenario;

namespace PPipe.Grains.Tests.Enrollments.Policies;

/// <summary>
/// In <see cref="PolicyScenario"/> releases come at 0d, 1d, 2d and 3d; batch n is due at nd12h and closes at nd18h;
/// probe slots are hourly from 1d; the scenario ends at 4d.
/// </summary>
public sealed class WakePlanTests
{
    private static readonly TimeSpan RedeliverAfter = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan PausedRecheck = TimeSpan.FromMinutes(1);
    private static readonly WakePlan Plan = new(RedeliverAfter, PausedRecheck);
    private static readonly SubmissionWindow Window = SubmissionWindow.For(Definition, null, TimeSpan.Zero);

    [Fact]
    public void Next_WebhookRegistered_TheReleaseAMillisecondAfterItsWallTime()
    {
        var wake = Plan.Next(Schedule, Clock, Window, [], hasEndpoint: false, hasWebhook: true, [], Hours(1), WallAt(Hours(1)));

        Assert.Equal(Wake.At(WallAt(Day(1)) + TimeSpan.FromMilliseconds(1)), wake);
    }

    [Fact]
    public void Next_NoWebhookNothingSubmitted_OnlyTheLateCutoffWakes()
    {
        var wake = Plan.Next(Schedule, Clock, Window, [], hasEndpoint: false, hasWebhook: false, [], Hours(1), WallAt(Hours(1)));

        Assert.Equal(Wake.At(WallAt(Day(1.75)) + WakePlan.Margin), wake);
    }

    [Fact]
    public void Next_SubmittedOnTimeBeforeTheNextRelease_AtTheDueTime()
    {
        BatchOutcome[] submitted = [OnTime(1)];

        var wake = Plan.Next(Schedule, Clock, Window, submitted, hasEndpoint: false, hasWebhook: true, [], Day(1.1), WallAt(Day(1.1)));

        Assert.Equal(Wake.At(WallAt(Day(1.5)) + WakePlan.Margin), wake);
    }

    [Fact]
    public void Next_DueButNotSealed_AtTheLateCutoff()
    {
        var wake = Plan.Next(Schedule, Clock, Window, [], hasEndpoint: false, hasWebhook: false, [], Day(1.6), WallAt(Day(1.6)));

        Assert.Equal(Wake.At(WallAt(Day(1.75)) + WakePlan.Margin), wake);
    }

    [Fact]
    public void Next_BatchScored_ItsDeadlinesNoLongerWake()
    {
        BatchOutcome[] scored = [new() { Seq = 1, Scored = true }];

        var withWebhook = Plan.Next(Schedule, Clock, Window, scored, hasEndpoint: false, hasWebhook: true, [], Day(1.1), WallAt(Day(1.1)));
        var without = Plan.Next(Schedule, Clock, Window, scored, hasEndpoint: false, hasWebhook: false, [], Day(1.1), WallAt(Day(1.1)));

        Assert.Equal(Wake.At(WallAt(Day(2)) + WakePlan.Margin), withWebhook);
        Assert.Equal(Wake.At(WallAt(Day(2.75)) + WakePlan.Margin), without);
    }

    [Fact]
    public void Next_Extension_TheExtendedDeadline()
    {
        var extended = SubmissionWindow.For(Definition, null, Hours(2));

        var wake = Plan.Next(Schedule, Clock, extended, [OnTime(1)], hasEndpoint: false, hasWebhook: false, [], Day(1.1), WallAt(Day(1.1)));

        Assert.Equal(Wake.At(WallAt(Day(1.5) + Hours(2)) + WakePlan.Margin), wake);
    }

    [Fact]
    public void Next_WithAnEndpoint_TheNextProbeSlot()
    {
        var wake = Plan.Next(Schedule, Clock, Window, [], hasEndpoint: true, hasWebhook: false, [], Day(1) + Hours(2.5), WallAt(Day(1) + Hours(2.5)));

        Assert.Equal(Wake.At(WallAt(Day(1) + Hours(3)) + WakePlan.Margin), wake);
    }

    [Fact]
    public void Next_NotificationPendingBeforeTheNextEvent_AtItsRedelivery()
    {
        var now = WallAt(Hours(1));

        var wake = Plan.Next(Schedule, Clock, Window, [], hasEndpoint: false, hasWebhook: false, [now - TimeSpan.FromMinutes(1)], Hours(1), now);

        Assert.Equal(Wake.At(now + TimeSpan.FromMinutes(4)), wake);
    }

    [Fact]
    public void Next_CohortPaused_LooksAgainAfterThePausedRecheck()
    {
        var now = WallAt(Hours(1));
        var paused = Clock.Pause(now);

        var wake = Plan.Next(Schedule, paused, Window, [], hasEndpoint: true, hasWebhook: false, [], Hours(1), now + TimeSpan.FromHours(5));

        Assert.Equal(Wake.At(now + TimeSpan.FromHours(5) + PausedRecheck), wake);
    }

    [Fact]
    public void Next_ScenarioOverEverythingScoredNothingPending_FinishedForGood()
    {
        BatchOutcome[] scored = [new() { Seq = 1, Scored = true }, new() { Seq = 2, Scored = true }, new() { Seq = 3, Scored = true }];

        var wake = Plan.Next(Schedule, Clock, Window, scored, hasEndpoint: true, hasWebhook: false, [], Day(4), WallAt(Day(4)));

        Assert.Equal(Wake.Finished, wake);
        Assert.True(wake.IsFinished);
    }

    [Fact]
    public void Next_ScenarioOverWithANotificationPending_WakesToSendItAgain()
    {
        BatchOutcome[] scored = [new() { Seq = 1, Scored = true }, new() { Seq = 2, Scored = true }, new() { Seq = 3, Scored = true }];
        var now = WallAt(Day(4.2));

        var wake = Plan.Next(Schedule, Clock, Window, scored, hasEndpoint: false, hasWebhook: false, [now], Day(4.2), now);

        Assert.Equal(Wake.At(now + RedeliverAfter), wake);
    }

    [Fact]
    public void Next_ScenarioOverWithABatchNotScoredYet_NoWakeButNotFinished()
    {
        BatchOutcome[] twoScored = [new() { Seq = 1, Scored = true }, new() { Seq = 2, Scored = true }];
        var now = WallAt(Day(4.2));

        var wake = Plan.Next(Schedule, Clock, Window, twoScored, hasEndpoint: false, hasWebhook: false, [], Day(4.2), now);

        Assert.Equal(Wake.None, wake);
        Assert.False(wake.IsFinished);
    }

    [Fact]
    public void Next_ExtensionPastTheEnd_WakesAtTheExtendedCutoff()
    {
        BatchOutcome[] twoScored = [new() { Seq = 1, Scored = true }, new() { Seq = 2, Scored = true }];
        var extended = SubmissionWindow.For(Definition, null, Hours(6));

        var wake = Plan.Next(Schedule, Clock, extended, twoScored, hasEndpoint: false, hasWebhook: false, [], Day(3.8), WallAt(Day(3.8)));

        Assert.Equal(Wake.At(WallAt(Day(3.75) + Hours(6)) + WakePlan.Margin), wake);
    }

    [Fact]
    public void Next_EverythingScoredWithAnExtension_FinishedOnlyOnceTheExtendedEndPassed()
    {
        BatchOutcome[] scored = [new() { Seq = 1, Scored = true }, new() { Seq = 2, Scored = true }, new() { Seq = 3, Scored = true }];
        var extended = SubmissionWindow.For(Definition, null, Hours(6));

        var during = Plan.Next(Schedule, Clock, extended, scored, hasEndpoint: false, hasWebhook: false, [], Day(4) + Hours(1), WallAt(Day(4) + Hours(1)));
        var after = Plan.Next(Schedule, Clock, extended, scored, hasEndpoint: false, hasWebhook: false, [], Day(4) + Hours(6), WallAt(Day(4) + Hours(6)));

        Assert.Equal(Wake.None, during);
        Assert.Equal(Wake.Finished, after);
    }

    /// <summary>Batch <paramref name="seq"/> with a submission on time, not scored yet.</summary>
    private static BatchOutcome OnTime(int seq) => new() { Seq = seq, LastOnTimeAt = WallAt(Day(seq)) };
}
