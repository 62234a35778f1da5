using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Outbound;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Grains.Interfaces.Rollouts;
using PPipe.Grains.Rollouts;
using PPipe.Scenarios;

namespace PPipe.Assessment.Tests.Assessment;

/// <summary>The rollout criterion on taxi-fares (probes hourly: a deploy's window lasts two hours after the new version answers).</summary>
public sealed class RolloutCriterionTests
{
    private static readonly Scenario Scenario = TestSpecs.Read("template: taxi-fares\ngrading: {criteria: {endpointAvailability: 1, rollout: 1}}");

    private static readonly RolloutPlan Plan = RolloutPlan.For(Scenario)!;

    [Fact]
    public void Rollout_NoDeploy_NotJudgedSayingWhatADeployIs()
    {
        var grade = Grade(Day(10), null);

        Assert.Null(grade.Score);
        Assert.Equal("No deploy seen yet, so rollouts cannot be judged: name the model in every answer of your endpoint (\"model\": {\"version\": \"v4\", " +
            "\"trainedThrough\": 12}) or announce each deploy with POST /api/v1/deployments; a change of version is a deploy.", grade.Feedback);
    }

    [Fact]
    public void Rollout_BlueGreen_FullCredit()
    {
        var ledger = new RolloutLedger();
        Answers(ledger, "v1", 1, Day(9), Day(9) + Hours(1));
        Answers(ledger, "v2", 1, Day(10), Day(10) + Hours(1), Day(10) + Hours(2));

        var grade = Grade(Day(11), ledger);

        Assert.Equal(1, grade.Score);
        Assert.Equal("1 deploy judged, every one without a failed probe or a dip in quality. Deploy of v2 on day 11: all 3 probes answered; quality held (1.00 before, 1.00 after).", grade.Feedback);
    }

    [Fact]
    public void Rollout_RedeployWithDowntime_LosesCredit_NamingTheFailedProbes()
    {
        var ledger = new RolloutLedger();
        Answers(ledger, "v1", 1, Day(9), Day(9) + Hours(1));
        Failures(ledger, Day(10), Day(10) + Hours(0.25), Day(10) + Hours(0.5));
        Answers(ledger, "v2", 1, Day(10) + Hours(1), Day(10) + Hours(1.25), Day(10) + Hours(1.5), Day(10) + Hours(2), Day(10) + Hours(3));

        var grade = Grade(Day(11), ledger);

        Assert.Equal(Math.Round(0.5 * Math.Max(0, 1 - (5 * 3 / 8.0)) + 0.5, 4), grade.Score);
        Assert.StartsWith("0 of 1 deploy judged went without a failed probe or a dip in quality. Deploy of v2 on day 11: 3 of 8 probes failed; quality held", grade.Feedback, StringComparison.Ordinal);
        Assert.EndsWith("(blue-green), keep the old one until the new one has proved itself, and announce deploys with POST /api/v1/deployments.", grade.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void Rollout_QualityDip_Named()
    {
        var ledger = new RolloutLedger();
        Answers(ledger, "v1", 1, Day(9));
        Answers(ledger, "v2", 9, Day(10), Day(10) + Hours(1));

        var grade = Grade(Day(11), ledger);

        Assert.Equal(0.5, grade.Score);
        Assert.Contains("Deploy of v2 on day 11: all 2 probes answered; quality dipped from 1.00 to 0.00.", grade.Feedback, StringComparison.Ordinal);
    }

    [Fact]
    public void Rollout_OnlyADeployStillWatched_NotJudgedYet()
    {
        var ledger = new RolloutLedger();
        Answers(ledger, "v1", 1, Day(9));
        ledger.Announce(new DeployAnnouncement("v2", TimeSpan.Zero, null), Day(10), Plan);

        var grade = Grade(Day(10) + Hours(1), ledger);

        Assert.Null(grade.Score);
        Assert.Equal("The deploy of v2 is still being watched.", grade.Feedback);
    }

    [Fact]
    public void Rollout_ManyDeploys_NamesTheNewestFiveJudgedCountsTheOthersAndSaysWhichIsStillWatched()
    {
        var ledger = new RolloutLedger();
        Answers(ledger, "v1", 1, Day(2));
        for (var v = 2; v <= 8; v++)
        {
            Answers(ledger, $"v{v}", 1, Day(v + 1), Day(v + 1) + Hours(1), Day(v + 1) + Hours(2));
        }

        var grade = Grade(Day(9) + Hours(1), ledger);

        Assert.Equal(1, grade.Score);
        Assert.Equal("6 deploys judged, every one without a failed probe or a dip in quality. " +
            string.Concat(Enumerable.Range(3, 5).Select(v => $"Deploy of v{v} on day {v + 2}: all 3 probes answered; quality held (1.00 before, 1.00 after). ")) +
            "1 earlier deploy is counted but not named. The deploy of v8 is still being watched.", grade.Feedback);
    }

    [Fact]
    public void Rollout_WithoutAnEndpointAfterProbingStarted_Zero()
    {
        var input = SyntheticStudent.Input(Scenario, new StudentBehaviour { Deploys = false }, Day(10));

        var grade = Rollout(input);

        Assert.Equal(0, grade.Score);
    }

    private static CriterionGrade Grade(TimeSpan at, RolloutLedger? ledger) =>
        Rollout(SyntheticStudent.Input(Scenario, new StudentBehaviour(), at) with { Rollouts = ledger });

    private static CriterionGrade Rollout(GradingInput input) => Grader.Grade(input).Criteria.Single(c => c.Name == "rollout");

    private static void Answers(RolloutLedger ledger, string version, double loss, params TimeSpan[] at)
    {
        foreach (var t in at)
        {
            var quality = new ProbeQuality(10, double.NaN, loss, 1, 1);
            ledger.Observe(new ProbeResult(0, 1, SyntheticStudent.Wall(t), t, true, 200, 20, null, null, 10, quality, new ModelStamp(version, 1, null)), t, Plan);
        }
    }

    private static void Failures(RolloutLedger ledger, params TimeSpan[] at)
    {
        foreach (var t in at)
        {
            ledger.Observe(new ProbeResult(0, 2, SyntheticStudent.Wall(t), t, false, null, 1000, OutboundFailureKind.Connect, "Connection refused.", 10, null), t, Plan);
        }
    }

    private static TimeSpan Day(double days) => TimeSpan.FromDays(days);

    private static TimeSpan Hours(double hours) => TimeSpan.FromHours(hours);
}
