using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Outbound;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Grains.Interfaces.Rollouts;
using PPipe.Grains.Rollouts;
using PPipe.Scenarios;
using PPipe.Scenarios.Templates;

namespace PPipe.Assessment.Tests.Rollouts;

/// <summary>
/// Deploys as the ledger follows them, on taxi-fares (probes hourly, so extra probes every 15 minutes and a window of two
/// hours after the new version answers; probing starts on day 4, at 72 h). Answers are scored at the oracle's loss (quality 1) or at nine times it (quality 0).
/// </summary>
public sealed class RolloutLedgerTests
{
    private static readonly Scenario Scenario = ScenarioTemplates.Get("taxi-fares").Scenario;

    private static readonly RolloutPlan Plan = RolloutPlan.For(Scenario)!;

    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Plan_Taxi_ExtraProbesAQuarterIntervalApart_WindowOfTwoIntervals()
    {
        Assert.Equal(TimeSpan.FromMinutes(15), Plan.Every);
        Assert.Equal(8, Plan.Probes);
        Assert.Equal(TimeSpan.FromHours(2), Plan.Span);
    }

    [Fact]
    public void Observe_FirstVersionNamed_IsNoDeploy()
    {
        var ledger = new RolloutLedger();

        Answers(ledger, "v1", Hours(1), Hours(2), Hours(3));

        Assert.Empty(ledger.Deploys);
        Assert.Equal("v1", ledger.Serving);
        Assert.Null(ledger.ExtraProbeAt(Plan));
    }

    [Fact]
    public void Observe_BlueGreenSwitch_OneDeployWithoutFailures_FullCreditOnceItsWindowIsOver()
    {
        var ledger = new RolloutLedger();
        Answers(ledger, "v1", Hours(1), Hours(2), Hours(3));

        Answers(ledger, "v2", Hours(4), Hours(4.25), Hours(4.5), Hours(5), Hours(6));

        var deploy = Assert.Single(ledger.Deploys);
        Assert.Equal(("v2", Hours(4), Hours(4), Hours(6), 5, 0), (deploy.Version, deploy.StartedAt, deploy.SeenAt!.Value, deploy.Until, deploy.Probes, deploy.Failed));
        Assert.Equal(1, deploy.Score(Scenario.Metric));
        var open = Assert.Single(ledger.Log(Hours(5), Plan).Deploys);
        Assert.False(open.Judged);
        Assert.Null(open.Score);
        var judged = Assert.Single(ledger.Log(Hours(6), Plan).Deploys);
        Assert.Equal((true, 1.0, 1.0, 1.0), (judged.Judged, judged.Score!.Value, judged.QualityBefore!.Value, judged.QualityAfter!.Value));
    }

    [Fact]
    public void Observe_RedeployWithDowntime_TheFailuresBeforeTheNewVersionAreTheDeploys()
    {
        var ledger = new RolloutLedger();
        Answers(ledger, "v1", Hours(1), Hours(2), Hours(3));

        Failures(ledger, Hours(4), Hours(5));
        Answers(ledger, "v2", Hours(6), Hours(6.25), Hours(6.5), Hours(7));

        var deploy = Assert.Single(ledger.Deploys);
        Assert.Equal((Hours(4), Hours(6), 6, 2), (deploy.StartedAt, deploy.SeenAt!.Value, deploy.Probes, deploy.Failed));
        // Availability max(0, 1 − 5 × 2/6) = 0, quality held: (0 + 1) / 2.
        Assert.Equal(0.5, deploy.Score(Scenario.Metric), 10);
    }

    [Fact]
    public void Observe_NewVersionWorse_ADip_CostsTheQualityHalf()
    {
        var ledger = new RolloutLedger();
        Answers(ledger, "v1", Hours(1), Hours(2), Hours(3));

        Answers(ledger, "v2", 9, Hours(4), Hours(5));

        var deploy = Assert.Single(ledger.Deploys);
        Assert.Equal((1.0, 0.0), (deploy.Before.Quality(Scenario.Metric)!.Value, deploy.After.Quality(Scenario.Metric)!.Value));
        Assert.Equal(0.5, deploy.Score(Scenario.Metric));
    }

    [Fact]
    public void Observe_FlipsBetweenOldAndNewWhileTheWindowIsOpen_OneDeploy()
    {
        var ledger = new RolloutLedger();
        Answers(ledger, "v1", Hours(1), Hours(2));

        Answers(ledger, "v2", Hours(3));
        Answers(ledger, "v1", Hours(3.25));
        Answers(ledger, "v2", Hours(3.5), Hours(4));

        var deploy = Assert.Single(ledger.Deploys);
        Assert.Equal((4, 0), (deploy.Probes, deploy.Failed));
    }

    [Fact]
    public void Observe_AnswerOlderThanTheNewest_ChangesNoVersion()
    {
        var ledger = new RolloutLedger();
        Answers(ledger, "v2", Hours(2));

        Answers(ledger, "v1", Hours(1));

        Assert.Equal("v2", ledger.Serving);
        Assert.Empty(ledger.Deploys);
    }

    [Fact]
    public void Announce_ThenTheVersionAnswers_TheWindowRunsFromTheAnnouncementToTwoHoursAfter()
    {
        var ledger = new RolloutLedger();
        Answers(ledger, "v1", Hours(1), Hours(2));

        var filing = ledger.Announce(new DeployAnnouncement("v2", TimeSpan.FromMinutes(30), "blue-green"), Hours(2.5), Plan);
        Failures(ledger, Hours(2.75));
        Answers(ledger, "v2", Hours(3), Hours(3.25));

        Assert.Equal(DeployFilingStatus.Accepted, filing.Status);
        Assert.Equal((1, "v2", true, "blue-green", Hours(2.5)), (filing.Deploy!.Id, filing.Deploy.Version, filing.Deploy.Announced, filing.Deploy.Note, filing.Deploy.StartedAt));
        var deploy = Assert.Single(ledger.Deploys);
        Assert.Equal((Hours(3), Hours(5), 3, 1), (deploy.SeenAt!.Value, deploy.Until, deploy.Probes, deploy.Failed));
    }

    [Fact]
    public void Announce_SameVersionAgain_RepeatedAndNothingChanges()
    {
        var ledger = new RolloutLedger();
        ledger.Announce(new DeployAnnouncement("v2", TimeSpan.Zero, null), Hours(1), Plan);

        var again = ledger.Announce(new DeployAnnouncement("v2", TimeSpan.FromHours(3), "again"), Hours(1.1), Plan);

        Assert.Equal(DeployFilingStatus.Repeated, again.Status);
        Assert.Equal(1, again.Deploy!.Id);
        Assert.Null(Assert.Single(ledger.Deploys).Note);
    }

    [Fact]
    public void Announce_TheVersionAlreadyAnswering_Refused()
    {
        var ledger = new RolloutLedger();
        Answers(ledger, "v1", Hours(1));

        var filing = ledger.Announce(new DeployAnnouncement("v1", TimeSpan.Zero, null), Hours(1.5), Plan);

        Assert.Equal(DeployFilingStatus.AlreadyServing, filing.Status);
        Assert.Empty(ledger.Deploys);
    }

    [Fact]
    public void Announce_NeverAnswers_JudgedWithNoQualityAfter()
    {
        var ledger = new RolloutLedger();
        Answers(ledger, "v1", Hours(1));
        ledger.Announce(new DeployAnnouncement("v2", TimeSpan.FromMinutes(30), null), Hours(2), Plan);

        Answers(ledger, "v1", Hours(2.25), Hours(3));

        var entry = Assert.Single(ledger.Log(Hours(5), Plan).Deploys);
        Assert.Equal((Hours(4.5), true, 0.5), (entry.Until, entry.Judged, entry.Score!.Value));
        Assert.Null(entry.QualityAfter);
    }

    [Fact]
    public void TakeExtra_AfterAnAnnouncement_EightProbesAQuarterIntervalApart_ALateTickSendsOneForAllDue()
    {
        var ledger = new RolloutLedger();
        ledger.Announce(new DeployAnnouncement("v2", TimeSpan.Zero, null), Hours(110), Plan);

        var early = ledger.TakeExtra(Hours(110.2), Plan);
        var first = ledger.TakeExtra(Hours(110.25), Plan);
        var again = ledger.TakeExtra(Hours(110.25), Plan);
        var late = ledger.TakeExtra(Hours(111), Plan);

        Assert.Null(early);
        Assert.Equal(ProbeResult.FirstRolloutSlot, first);
        Assert.Null(again);
        Assert.Equal(ProbeResult.RolloutSlot(1), late);
        Assert.Equal((4, Hours(111.25)), (ledger.ExtraLeft, ledger.ExtraProbeAt(Plan)!.Value));
        Assert.Equal(ProbeResult.RolloutSlot(2), ledger.TakeExtra(Hours(113), Plan));
        Assert.Null(ledger.ExtraProbeAt(Plan));
    }

    [Fact]
    public void TakeExtra_CohortNotGradingRollouts_DeploysFollowedWithTheSameWindowsButNoExtraProbePlanned()
    {
        var ungraded = RolloutPlan.For(Scenario, graded: false)!;
        var ledger = new RolloutLedger();
        void Answer(string version, double hours) => ledger.Observe(new ProbeResult(0, 1, Start + Hours(hours), Hours(hours), true, 200, 20, null, null, 10,
            new ProbeQuality(10, double.NaN, 1, 1, 1), new ModelStamp(version, 1, null)), Hours(hours), ungraded);
        Answer("v1", 1);

        Answer("v2", 2);
        var filing = ledger.Announce(new DeployAnnouncement("v3", TimeSpan.Zero, null), Hours(5), ungraded);

        Assert.Equal(DeployFilingStatus.Accepted, filing.Status);
        Assert.Equal([("v2", Hours(4)), ("v3", Hours(7))], ledger.Deploys.Select(d => (d.Version, d.Until)));
        Assert.Equal((0, TimeSpan.Zero, 0L), (ledger.ExtraLeft, ledger.NextExtraAt, ledger.ExtraSent));
        Assert.Null(ledger.ExtraProbeAt(ungraded));
        Assert.Null(ledger.TakeExtra(Hours(5.25), ungraded));
    }

    [Fact]
    public void TakeExtra_VersionChangeSeen_StartsAnotherRound()
    {
        var ledger = new RolloutLedger();
        Answers(ledger, "v1", Hours(1));

        Answers(ledger, "v2", Hours(2));

        Assert.Equal((8, Hours(2.25)), (ledger.ExtraLeft, ledger.ExtraProbeAt(Plan)!.Value));
    }

    [Fact]
    public void Observe_FailuresBetweenAnswersOfTheSameVersion_NoDeploy()
    {
        var ledger = new RolloutLedger();
        Answers(ledger, "v1", Hours(1));
        Failures(ledger, Hours(2));
        Answers(ledger, "v1", Hours(3));

        Assert.Empty(ledger.Deploys);
        Assert.Equal((0, (TimeSpan?)null), (ledger.Unattributed, ledger.FailingSince));
    }

    [Fact]
    public void Observe_MoreDeploysThanTheCapacity_OldestFoldedWithTheirScores()
    {
        var ledger = new RolloutLedger();
        Answers(ledger, "v0", Hours(0.5));

        for (var i = 1; i <= RolloutLedger.Capacity + 3; i++)
        {
            Failures(ledger, Hours(4 * i));
            Answers(ledger, $"v{i}", Hours((4 * i) + 1));
        }

        Assert.Equal((RolloutLedger.Capacity, 3, 3 * 0.5, 0), (ledger.Deploys.Count, ledger.Folded, ledger.FoldedScore, ledger.FoldedClean));
        Assert.Equal(4, ledger.Deploys[0].Id);
        Assert.Equal(3, ledger.Log(Hours(500), Plan).Folded);
    }

    private static void Answers(RolloutLedger ledger, string version, params TimeSpan[] at) => Answers(ledger, version, 1, at);

    private static void Answers(RolloutLedger ledger, string version, double loss, params TimeSpan[] at)
    {
        foreach (var t in at)
        {
            var quality = new ProbeQuality(10, double.NaN, loss, 1, 1);
            ledger.Observe(new ProbeResult(0, 1, Start + t, t, true, 200, 20, null, null, 10, quality, new ModelStamp(version, 1, null)), t, Plan);
        }
    }

    private static void Failures(RolloutLedger ledger, params TimeSpan[] at)
    {
        foreach (var t in at)
        {
            ledger.Observe(new ProbeResult(0, 2, Start + t, t, false, null, 1000, OutboundFailureKind.Connect, "Connection refused.", 10, null), t, Plan);
        }
    }

    private static TimeSpan Hours(double hours) => TimeSpan.FromHours(hours);
}
