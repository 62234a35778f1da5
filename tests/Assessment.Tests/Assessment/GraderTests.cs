using PPipe.Grains.Assessment;
using PPipe.Grains.Enrollments.Policies;
using PPipe.Grains.Interfaces.Cohorts;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Scenarios;
using PPipe.Scenarios.Templates;

namespace PPipe.Assessment.Tests.Assessment;

public sealed class GraderTests
{
    private static readonly string[] EndpointCriteria = ["endpointAvailability", "endpointLatency", "endpointQuality"];

    public static TheoryData<string> TemplateIds => [.. ScenarioTemplates.Ids];

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void Grade_PerfectStudent_ExpertOnEveryCriterion(string template)
    {
        var report = Grade(template, StudentBehaviour.Perfect);

        Assert.Equal(1.0, report.OverallScore);
        Assert.Equal("Expert", report.OverallLevel);
        Assert.All(report.Criteria, c => Assert.Equal((1.0, "Expert"), (c.Score!.Value, c.Level)));
    }

    [Fact]
    public void Grade_Criteria_FollowTheRubricInOrderWithCamelCaseNames()
    {
        var report = Grade("taxi-fares", StudentBehaviour.Perfect);

        Assert.Equal(
            ["acquisition", "batchQuality", "punctuality", "endpointAvailability", "endpointLatency", "endpointQuality", "adaptation"],
            report.Criteria.Select(c => c.Name));
        Assert.Equal([0.10, 0.25, 0.10, 0.15, 0.10, 0.15, 0.15], report.Criteria.Select(c => Math.Round(c.Weight, 6)));
        Assert.Equal(SyntheticStudent.Wall(TimeSpan.FromDays(28)), report.AsOf);
    }

    [Fact]
    public void Grade_BeforeTheStart_NothingJudged()
    {
        var report = Grade("taxi-fares", StudentBehaviour.Perfect, TimeSpan.Zero);

        Assert.Null(report.OverallScore);
        Assert.Null(report.OverallLevel);
        Assert.All(report.Criteria, c => Assert.Equal((null, null), (c.Score, c.Level)));
        Assert.Equal(
            "Your endpoint is probed from day 4 on: register it with PUT /api/v1/endpoint before then.",
            Criterion(report, "endpointAvailability").Feedback);
    }

    [Fact]
    public void Grade_SameInput_SameReport()
    {
        var input = SyntheticStudent.Input(SyntheticStudent.Template("card-fraud"), StudentBehaviour.Perfect with { AdaptsAfter = null });

        var first = Grader.Grade(input);
        var second = Grader.Grade(input);

        Assert.Equal(first.Criteria, second.Criteria);
        Assert.Equal((first.OverallScore, first.OverallLevel), (second.OverallScore, second.OverallLevel));
    }

    [Fact]
    public void Grade_NeverFetches_LosesAcquisitionOnly()
    {
        var report = Grade("taxi-fares", StudentBehaviour.Perfect with { FetchDelay = null });

        var acquisition = Criterion(report, "acquisition");
        Assert.Equal("NotYetProficient", acquisition.Level);
        Assert.Equal(
            "Releases 1, 2, 3, 4, 5 and 23 more (api) were never fetched. Fetch each release within 6 hours of its appearance.",
            acquisition.Feedback);
        AssertPerfectExcept(report, "acquisition");
    }

    [Fact]
    public void Acquisition_LateAndMissingReleases_NamedWithCreditByDelay()
    {
        var now = TimeSpan.FromDays(5.5);
        var input = SyntheticStudent.Input(SyntheticStudent.Template("taxi-fares"), StudentBehaviour.Perfect, now) with
        {
            Fetches =
            [
                new FetchRecord(1, SyntheticStudent.Wall(TimeSpan.FromMinutes(10)), "api"),
                new FetchRecord(2, SyntheticStudent.Wall(TimeSpan.FromDays(1) + TimeSpan.FromHours(5)), "api"),
                new FetchRecord(3, SyntheticStudent.Wall(TimeSpan.FromDays(2) + TimeSpan.FromHours(1)), "api"),
                new FetchRecord(3, SyntheticStudent.Wall(TimeSpan.FromDays(4)), "api"),
                new FetchRecord(4, SyntheticStudent.Wall(TimeSpan.FromDays(5.5)), "api"),
            ],
        };

        var acquisition = Criterion(Grader.Grade(input), "acquisition");

        // Releases 1-3 on time (1 each), 4 fetched 2.5 days late (0), 5 and 6 waiting 1.5 and 0.5 days (2/7 and 6/7).
        Assert.Equal(Math.Round((3 + 2 / 7.0 + 6 / 7.0) / 6, 4), acquisition.Score);
        Assert.Equal(
            "Releases 5 and 6 (api) were never fetched and release 4 was fetched 2.5 days after it appeared. Fetch each release within 6 hours of its appearance.",
            acquisition.Feedback);
    }

    [Fact]
    public void Grade_LateSubmitter_LosesPunctualityOnly()
    {
        var report = Grade("customer-churn", StudentBehaviour.Perfect with { SubmitsLate = true });

        var punctuality = Criterion(report, "punctuality");
        Assert.Equal((0.5, "Proficient"), (punctuality.Score!.Value, punctuality.Level));
        Assert.Equal(
            "Batches 1, 2, 3, 4, 5 and 2 more were submitted late. Submit each batch before it is due: automate the submission as soon as a batch opens.",
            punctuality.Feedback);
        AssertPerfectExcept(report, "punctuality");
    }

    [Fact]
    public void Punctuality_MissingBatchStillTakenLate_SaysUntilWhen()
    {
        var input = SyntheticStudent.Input(SyntheticStudent.Template("taxi-fares"), StudentBehaviour.Perfect, TimeSpan.FromDays(3.75));
        input = input with { Batches = [.. input.Batches.Where(b => b.Seq != 3)] };

        var punctuality = Criterion(Grader.Grade(input), "punctuality");

        Assert.Equal(Math.Round(2 / 3.0, 4), punctuality.Score);
        Assert.Equal(
            "Batch 3 has no submission. Batch 3 is still taken late for another 6 hours. Submit each batch before it is due: automate the submission as soon as a batch opens.",
            punctuality.Feedback);
    }

    [Fact]
    public void Punctuality_CohortCutoffPassed_NoLongerSaysLateWorkIsTaken()
    {
        var scenario = SyntheticStudent.Template("taxi-fares");
        var input = SyntheticStudent.Input(scenario, StudentBehaviour.Perfect, TimeSpan.FromDays(3.75));
        // The cohort takes late work for 3 hours, not the scenario's 12: batch 3 (due at 3.5 days) closed at 3.625 days.
        input = input with
        {
            Batches = [.. input.Batches.Where(b => b.Seq != 3)],
            Window = SubmissionWindow.For(scenario, new CohortLatePolicy("penalty", 0.25, TimeSpan.FromHours(3)), TimeSpan.Zero),
        };

        var punctuality = Criterion(Grader.Grade(input), "punctuality");

        Assert.Equal(
            "Batch 3 has no submission. Submit each batch before it is due: automate the submission as soon as a batch opens.",
            punctuality.Feedback);
    }

    [Fact]
    public void Punctuality_StudentsExtension_BatchNotYetDueForThem_IsNotMissing()
    {
        var scenario = SyntheticStudent.Template("taxi-fares");
        var input = SyntheticStudent.Input(scenario, StudentBehaviour.Perfect, TimeSpan.FromDays(3.75));
        input = input with
        {
            Batches = [.. input.Batches.Where(b => b.Seq != 3)],
            Window = SubmissionWindow.For(scenario, null, TimeSpan.FromHours(12)),
        };

        var punctuality = Criterion(Grader.Grade(input), "punctuality");

        Assert.Equal((1.0, "All 2 batches due so far were submitted on time."), (punctuality.Score!.Value, punctuality.Feedback));
    }

    [Fact]
    public void Grade_FlakyEndpoint_LosesAvailabilityOnly()
    {
        var report = Grade("taxi-fares", StudentBehaviour.Perfect with
        {
            ProbeFails = (slot, t) => t >= TimeSpan.FromDays(7) && t < TimeSpan.FromDays(10) && slot % 7 == 0,
        });

        var availability = Criterion(report, "endpointAvailability");
        Assert.Equal("Advanced", availability.Level);
        Assert.Equal(
            "Availability 98.3% against the 99% SLO. 15% of probes failed between day 8 and day 10, mostly timeouts (no answer within 2000 ms). "
            + "Keep the model loaded and warm, and make sure it answers within the timeout, also while you redeploy.",
            availability.Feedback);
        AssertPerfectExcept(report, "endpointAvailability");
    }

    [Fact]
    public void Grade_SlowEndpoint_LosesLatencyOnly()
    {
        var report = Grade("taxi-fares", StudentBehaviour.Perfect with { LatencyMs = _ => 700 });

        var latency = Criterion(report, "endpointLatency");
        // 700 ms is 2.33 times the 300 ms SLO: 1 − log2(2.33) / 2.
        Assert.Equal(Math.Round(1 - Math.Log2(700 / 300.0) / 2, 4), latency.Score);
        Assert.Equal("NotYetProficient", latency.Level);
        AssertPerfectExcept(report, "endpointLatency");
    }

    [Fact]
    public void EndpointLatency_SlowStretch_NamesWhenItWasWorst()
    {
        var scenario = SyntheticStudent.Template("taxi-fares");
        var slowFrom = scenario.Endpoint!.From + TimeSpan.FromDays(9);
        var report = Grader.Grade(SyntheticStudent.Input(scenario, StudentBehaviour.Perfect with
        {
            LatencyMs = slot => scenario.Endpoint.SlotTime(slot) is var t && t >= slowFrom && t < slowFrom + TimeSpan.FromDays(2) ? 900 : 40,
        }));

        var latency = Criterion(report, "endpointLatency");
        Assert.Equal(
            "p95 latency 900 ms against the 300 ms SLO. It was worst between day 13 and day 14 (p95 900 ms). "
            + "Keep the model loaded in memory, do per-call work once at startup, and size the server for 20 rows a call.",
            latency.Feedback);
    }

    [Fact]
    public void Grade_NeverDeploys_NotYetProficientOnEndpointCriteria()
    {
        var report = Grade("taxi-fares", StudentBehaviour.Perfect with { Deploys = false });

        foreach (var name in EndpointCriteria)
        {
            var criterion = Criterion(report, name);
            Assert.Equal((0.0, "NotYetProficient"), (criterion.Score!.Value, criterion.Level));
            Assert.Equal(
                "No endpoint is registered, though probing started on day 4: deploy your model and register its URL with PUT /api/v1/endpoint.",
                criterion.Feedback);
        }
    }

    [Fact]
    public void EndpointAvailability_RegisteredLate_TimeBeforeCountsAsDown()
    {
        var report = Grade("taxi-fares", StudentBehaviour.Perfect with { RegistersAt = TimeSpan.FromDays(6) });

        var availability = Criterion(report, "endpointAvailability");
        Assert.Equal(
            "Availability 88% against the 99% SLO. Your endpoint was first registered on day 7, 3 days after probing started on day 4; that time counts as down.",
            availability.Feedback);
        Assert.Equal("NotYetProficient", availability.Level);
    }

    [Fact]
    public void EndpointCriteria_RegisteredButNotProbedYet_NotJudged()
    {
        var scenario = SyntheticStudent.Template("taxi-fares");
        var input = SyntheticStudent.Input(scenario, StudentBehaviour.Perfect, scenario.Endpoint!.From - TimeSpan.FromMinutes(1));

        var report = Grader.Grade(input with { Now = SyntheticStudent.Wall(scenario.Endpoint.From + TimeSpan.FromMinutes(1)) });

        Assert.All(EndpointCriteria, name => Assert.Null(Criterion(report, name).Score));
        Assert.Equal("Your endpoint is registered; waiting for its first scheduled probe.", Criterion(report, "endpointLatency").Feedback);
    }

    [Fact]
    public void BatchQuality_BeforeLabelsAreRevealed_NotJudged()
    {
        var report = Grade("card-fraud", StudentBehaviour.Perfect, TimeSpan.FromDays(8));

        var quality = Criterion(report, "batchQuality");
        Assert.Null(quality.Score);
        Assert.Equal("Nothing to judge yet: batch 1 is judged when its labels are revealed on day 9.", quality.Feedback);
        Assert.Equal(1.0, Criterion(report, "punctuality").Score);
    }

    [Fact]
    public void BatchQuality_TrainedOnce_NamesTheWeakestBatchesAgainstBaselines()
    {
        var report = Grade("taxi-fares", StudentBehaviour.Perfect with { AdaptsAfter = null });

        var quality = Criterion(report, "batchQuality");
        Assert.Equal(
            "Mean quality 0.48 over 27 batches (0 = a model never retrained, 1 = the true concept). Weakest: "
            + "batch 14 scored RMSE 5.30 where the stale model scores 5.30 and the oracle 3.20; "
            + "batch 15 scored RMSE 5.30 where the stale model scores 5.30 and the oracle 3.20; "
            + "batch 16 scored RMSE 5.30 where the stale model scores 5.30 and the oracle 3.20. "
            + "Retrain on the newest releases before each batch and check your validation RMSE against these baselines.",
            quality.Feedback);
    }

    [Theory]
    [MemberData(nameof(TemplateIds))]
    public void Adaptation_RetrainsOnNewReleases_BeatsTrainingOnce(string template)
    {
        var scenario = SyntheticStudent.Template(template);
        var release = scenario.Releases.Lag + scenario.Releases.Cadence;
        var longest = scenario.Batches!.Cadence > scenario.Releases.Cadence ? scenario.Batches.Cadence : scenario.Releases.Cadence;

        var retrains = Criterion(Grade(template, StudentBehaviour.Perfect with { AdaptsAfter = release + scenario.Releases.Cadence / 8 }), "adaptation");
        var slowly = Criterion(Grade(template, StudentBehaviour.Perfect with { AdaptsAfter = release + longest }), "adaptation");
        var once = Criterion(Grade(template, StudentBehaviour.Perfect with { AdaptsAfter = null }), "adaptation");

        Assert.InRange(retrains.Score!.Value, 0.85, 1);
        Assert.InRange(slowly.Score!.Value, 0.2, 0.8);
        Assert.Equal((0.0, "NotYetProficient"), (once.Score!.Value, once.Level));
    }

    [Fact]
    public void Adaptation_Feedback_SaysHowFarAndHowFastQualityRecovered()
    {
        var retrains = Criterion(Grade("taxi-fares", StudentBehaviour.Perfect with { AdaptsAfter = TimeSpan.FromHours(27) }), "adaptation");
        var once = Criterion(Grade("taxi-fares", StudentBehaviour.Perfect with { AdaptsAfter = null }), "adaptation");

        Assert.Equal(
            "After the concept change on day 15 your quality was 0.05 until data from after it could arrive and recovered to 1.00 within 1.4 days: "
            + "you won back 100% of what the change cost.",
            retrains.Feedback);
        Assert.Equal(
            "After the concept change on day 15 your quality was 0.00 until data from after it could arrive and was 0.00 by day 18: you won back none of "
            + "what the change cost. Retrain on the releases with data from after the change as soon as they appear (from day 16), and redeploy your "
            + "endpoint with the new model.",
            once.Feedback);
    }

    /// <summary>
    /// Issue 14: on predictive-maintenance a never-retrained learnt model the recalibration hurt less than the stale one
    /// (0.73 throughout) outscored a student who fell to 0.2 and retrained to 0.68. Recovery is what counts.
    /// </summary>
    [Fact]
    public void Adaptation_FellAndRecovered_BeatsLessHurtButNeverImproved()
    {
        var scenario = SyntheticStudent.Template("predictive-maintenance");
        var release = scenario.Releases.Lag + scenario.Releases.Cadence;

        var recovered = Criterion(Grade("predictive-maintenance", StudentBehaviour.Perfect with
        {
            AdaptsAfter = release + scenario.Releases.Cadence / 8, UnadaptedQuality = 0.2, AdaptedQuality = 0.68,
        }), "adaptation");
        var lessHurt = Criterion(Grade("predictive-maintenance", StudentBehaviour.Perfect with { AdaptsAfter = null, UnadaptedQuality = 0.73 }), "adaptation");

        Assert.True(recovered.Score > lessHurt.Score + 0.2, $"recovered {recovered.Score:F3}, less hurt {lessHurt.Score:F3}");
        Assert.Equal(
            "After the change in the temperature_c readings on day 11 your quality was 0.73 until data from after it could arrive and was 0.73 by day 13: "
            + "you won back none of what the change cost. Retrain on the releases with data from after the change as soon as they appear (from day 11), "
            + "and redeploy your endpoint with the new model.",
            lessHurt.Feedback);
    }

    [Fact]
    public void Adaptation_BeforeAnyoneCouldAdapt_NotJudgedAndChangeNotNamed()
    {
        var report = Grade("taxi-fares", StudentBehaviour.Perfect with { AdaptsAfter = null }, TimeSpan.FromDays(15));

        var adaptation = Criterion(report, "adaptation");
        Assert.Null(adaptation.Score);
        Assert.Equal("Nothing to judge yet: adaptation is judged once the world has changed and new data has had time to arrive.", adaptation.Feedback);
    }

    [Fact]
    public void Adaptation_EventOverBeforeDataFromItCouldArrive_NotJudged()
    {
        // Energy demand's weekly twelve-hour events start on day 3; a release from after the first can be trained on from
        // day 4.25, when the event is long over. The holiday from day 18 is the only change judged, so on day 10 nothing is.
        var once = Criterion(Grade("energy-demand", StudentBehaviour.Perfect with { AdaptsAfter = null }, TimeSpan.FromDays(10)), "adaptation");
        var onlyEvents = Criterion(Grader.Grade(SyntheticStudent.Input(TestSpecs.Read("""
            template: energy-demand
            drift:
              - at: 3d
                kind: concept
                mode: abrupt
                for: 12h
                effects: {industrialLoad: 15}
            """), StudentBehaviour.Perfect with { AdaptsAfter = null })), "adaptation");

        Assert.Equal((null, "Nothing to judge yet: adaptation is judged once the world has changed and new data has had time to arrive."),
            (once.Score, once.Feedback));
        Assert.Equal((null, "Every change of this scenario's concept is over before data from after it can arrive: there is no adaptation to judge."),
            (onlyEvents.Score, onlyEvents.Feedback));
    }

    [Fact]
    public void Grade_AllProficientOneWeakCriterion_SameScoresButTheLevelCappedAndSaidWhy()
    {
        var scenario = SyntheticStudent.Template("taxi-fares");
        var input = SyntheticStudent.Input(scenario, StudentBehaviour.Perfect with { LatencyMs = _ => 700 });

        var mean = Grader.Grade(input);
        var capped = Grader.Grade(input with { Grading = new CourseGrading(scenario.Grading, GradingPolicy.AllProficient) });

        Assert.Equal(("Expert", null), (mean.OverallLevel, mean.OverallFeedback));
        Assert.Equal((mean.OverallScore, "NotYetProficient"), (capped.OverallScore, capped.OverallLevel));
        Assert.Equal(
            "Overall level capped at NotYetProficient by endpointLatency (NotYetProficient): this course requires every criterion at least Proficient.",
            capped.OverallFeedback);
        Assert.Equal(mean.Criteria, capped.Criteria);
    }

    [Fact]
    public void Grade_AllProficientWeakestCriterionProficient_CappedAtProficient()
    {
        var scenario = SyntheticStudent.Template("customer-churn");
        var input = SyntheticStudent.Input(scenario, StudentBehaviour.Perfect with { SubmitsLate = true })
            with { Grading = new CourseGrading(scenario.Grading, GradingPolicy.AllProficient) };

        var report = Grader.Grade(input);

        Assert.Equal("Proficient", report.OverallLevel);
        Assert.Equal("Overall level capped at Proficient by punctuality (Proficient): in this course the overall level is never above a criterion's.",
            report.OverallFeedback);
    }

    [Fact]
    public void Grade_CohortWeights_OnlyTheCriteriaKeptWithTheCohortsWeights()
    {
        var scenario = SyntheticStudent.Template("taxi-fares");
        var rubric = scenario.Grading.WithWeights(new Dictionary<PPipe.Scenarios.Criterion, double>
        {
            [PPipe.Scenarios.Criterion.EndpointLatency] = 0,
            [PPipe.Scenarios.Criterion.Adaptation] = 0,
            [PPipe.Scenarios.Criterion.Punctuality] = 0.35,
        })!;
        var input = SyntheticStudent.Input(scenario, StudentBehaviour.Perfect with { LatencyMs = _ => 700 })
            with { Grading = new CourseGrading(rubric, GradingPolicy.WeightedMean) };

        var report = Grader.Grade(input);

        Assert.Equal(["acquisition", "batchQuality", "punctuality", "endpointAvailability", "endpointQuality"], report.Criteria.Select(c => c.Name));
        Assert.Equal([0.10, 0.25, 0.35, 0.15, 0.15], report.Criteria.Select(c => Math.Round(c.Weight, 6)));
        Assert.Equal((1.0, "Expert"), (report.OverallScore, report.OverallLevel));
    }

    private static GradeReport Grade(string template, StudentBehaviour behaviour, TimeSpan? at = null) =>
        Grader.Grade(SyntheticStudent.Input(SyntheticStudent.Template(template), behaviour, at));

    private static CriterionGrade Criterion(GradeReport report, string name) => Assert.Single(report.Criteria, c => c.Name == name);

    private static void AssertPerfectExcept(GradeReport report, string name) =>
        Assert.All(report.Criteria.Where(c => c.Name != name), c => Assert.Equal((c.Name, 1.0), (c.Name, c.Score!.Value)));
}
