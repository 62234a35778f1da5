using System.Text.Json;
using PPipe.Simulation.Demo;
using PPipe.Simulation.Students;
using static PPipe.Integration.Tests.Assessment.ValidityRun;

namespace PPipe.Integration.Tests.Assessment;

/// <summary>
/// Proof that grades are valid: simulated students of every archetype run every built-in template end to end
/// against one embedded platform, through the public API only, with real endpoints on loopback; the rubric
/// must then order them as an instructor would. A sixth cohort runs the demo's scenario, which assesses monitoring,
/// with a student who monitors, one who never reports and one who cries wolf. A seventh runs taxi-fares graded on
/// rollouts, with a student who redeploys with downtime and one who deploys blue-green. Beside the archetypes, who learn
/// with the linear model, a diligent student and one who trains once fit gradient-boosted trees in the taxi-fares cohort:
/// drift must cost a flexible learner that never retrains too. Each scenario is compressed into about four wall minutes,
/// all seven at once. Cohorts take late work without penalty, so lateness costs punctuality and
/// nothing else. Lineage and reproducibility are checked by <see cref="LineageValidityTests"/>, on a platform of their own.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class RubricValidityTests
{
    /// <summary>Wall time a scenario is compressed into.</summary>
    private static readonly TimeSpan ScenarioWallTime = TimeSpan.FromMinutes(4);

    internal static readonly StudentArchetype[] Archetypes =
    [
        StudentArchetype.Diligent, StudentArchetype.TrainsOnce, StudentArchetype.RetrainsEveryRelease, StudentArchetype.SubmitsLate,
        StudentArchetype.FlakyEndpoint, StudentArchetype.SlowEndpoint, StudentArchetype.NeverDeploys, StudentArchetype.Copier,
    ];

    /// <summary>The students of the monitoring cohort: they differ in how they report incidents only, and serve no endpoint
    /// (nothing to compare there, and the probes would only load the machine).</summary>
    private static readonly StudentArchetype[] Monitors = [StudentArchetype.Diligent, StudentArchetype.FalseAlarmer, StudentArchetype.Silent];

    /// <summary>The students of the rollout cohort: both retrain after every release and name their models; one takes its
    /// endpoint down at each switch, the other switches blue-green and announces it.</summary>
    private static readonly StudentArchetype[] Deployers = [StudentArchetype.BlueGreen, StudentArchetype.RedeploysWithDowntime];

    /// <summary>Taxi-fares graded on its endpoint and on rollouts.</summary>
    private const string RolloutSpec = "template: taxi-fares\ngrading: {criteria: {endpointAvailability: 1, endpointQuality: 1, rollout: 1}}\n";

    /// <summary>The criteria a student's model decides, rather than their habits.</summary>
    private static readonly string[] ModelCriteria = ["batchQuality", "endpointQuality", "adaptation"];

    /// <summary>
    /// The students who fit gradient-boosted trees instead of the linear model, in the <see cref="BoostedTemplate"/> cohort only:
    /// a tree fit takes one to two seconds of CPU, and a pair on every template at once took enough of the two cores this
    /// compressed run shares to make the other cohorts miss their deadlines and probes. What never retraining costs a tree
    /// learner on every template is measured without the platform by <c>RetrainingMarginTests</c>.
    /// </summary>
    private static readonly StudentArchetype[] BoostedLearners = [StudentArchetype.Diligent, StudentArchetype.TrainsOnce];

    private const string BoostedTemplate = "taxi-fares";

    /// <summary>
    /// Per template: whether adaptation is ranked and by what margin, and a slow endpoint's delay (over the SLO's p95, under
    /// the timeout). Every template's drift costs a model that is never retrained a clear margin, for the linear and the
    /// boosted learner alike (measured per template by <c>RetrainingMarginTests</c>: 0.10 to 0.25 overall). Adaptation is
    /// ranked by 0.05 everywhere but on two templates. On predictive-maintenance, in this compressed run, the retrainers'
    /// mean adaptation led the student who trains once by 0.03 in one full-suite run and by more in a run alone: it is not
    /// ranked. On energy-demand only the holiday is judged (the weekly twelve-hour events are over before anyone could
    /// retrain on them), in a window of two batches, and a batch's quality there swings widely from one batch to the next
    /// (from 0 to 0.79 for the same retraining student offline). The retrainers led by 0.043 in two runs of this test
    /// while the events were judged too, and by 0.058 in a run since (by 0.15 offline): they must lead, by no set margin.
    /// </summary>
    private static readonly (string Template, bool ConceptDrift, double AdaptationMargin, int SlowMs)[] Outcomes =
    [
        ("taxi-fares", true, AdaptationMargin, 480),
        ("card-fraud", true, AdaptationMargin, 300),
        ("energy-demand", true, 0, 420),
        ("predictive-maintenance", false, 0, 340),
        ("customer-churn", true, AdaptationMargin, 1300),
    ];

    /// <summary>How far the retrainers' mean adaptation must lead the student who trains once, where it is ranked.</summary>
    private const double AdaptationMargin = 0.05;

    /// <summary>The archetypes that train as <see cref="StudentArchetype.Diligent"/> does, on a window of the latest releases.</summary>
    private static readonly StudentArchetype[] SlidingWindowLearners =
    [
        StudentArchetype.Diligent, StudentArchetype.SubmitsLate, StudentArchetype.FlakyEndpoint, StudentArchetype.SlowEndpoint,
        StudentArchetype.NeverDeploys,
    ];

    /// <summary>The archetypes that submit every batch as soon as they can: all but the late student and the copier.</summary>
    private static readonly StudentArchetype[] OnTimeSubmitters =
    [
        StudentArchetype.Diligent, StudentArchetype.TrainsOnce, StudentArchetype.RetrainsEveryRelease, StudentArchetype.FlakyEndpoint,
        StudentArchetype.SlowEndpoint, StudentArchetype.NeverDeploys,
    ];

    [Fact]
    public async Task Archetypes_EveryTemplate_RubricOrdersThemAsAnInstructorWould()
    {
        await using var validity = await ValidityRun.StartAsync(ScenarioWallTime);
        var monitored = await validity.UploadScenarioAsync(DemoScenario.Spec);
        var rollouts = await validity.UploadScenarioAsync(RolloutSpec);

        var cohorts = Outcomes.Select(t => validity.RunCohortAsync(t.Template, t.Template, LengthOf(t.Template), Archetypes, t.Template == BoostedTemplate ? BoostedLearners : [], t.SlowMs)).ToList();
        cohorts.Add(validity.RunCohortAsync("monitored", monitored, TimeSpan.FromDays(28), Monitors, slowMs: 480, serveEndpoints: false));
        cohorts.Add(validity.RunCohortAsync("rollouts", rollouts, TimeSpan.FromDays(28), Deployers, slowMs: 480));
        var runs = await Task.WhenAll(cohorts);

        var problems = new List<string>();
        foreach (var (run, template) in runs.Zip(Outcomes))
        {
            Judge(run, template.ConceptDrift, problems, template.AdaptationMargin);
        }

        JudgeMonitoring(runs[^2], problems);
        JudgeRollouts(runs[^1], problems);
        TestContext.Current.TestOutputHelper?.WriteLine(Describe(runs));
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n\n" + Describe(runs));
    }

    internal static void Judge(CohortRun run, bool conceptDrift, List<string> problems, double adaptationMargin = AdaptationMargin)
    {
        double Score(StudentArchetype a, string criterion) => ValidityRun.Score(run.Grades[a], criterion);
        string? Level(StudentArchetype a, string criterion) => Criterion(run.Grades[a], criterion).GetProperty("level").GetString();
        double Overall(StudentArchetype a) => run.Grades[a].GetProperty("overall").GetProperty("score").GetDouble();
        double BoostedModelScore(StudentArchetype a) => ModelCriteria
            .Select(c => Criterion(run.BoostedGrades[a], c).GetProperty("score") is { ValueKind: JsonValueKind.Number } s ? s.GetDouble() : 0)
            .Average();
        void Expect(bool condition, string claim)
        {
            if (!condition)
            {
                problems.Add($"{run.Template}: {claim}");
            }
        }

        var diligent = StudentArchetype.Diligent;
        if (conceptDrift)
        {
            // Five archetypes learn as the diligent student does, retraining on the latest releases every time one
            // arrives; they differ in habits adaptation does not measure. Which model answers which batch depends on
            // timing, so one student's adaptation varies from run to run by about as much as the margin: the five are
            // ranked together. (RetrainsEveryRelease retrains on all history, so stale rows linger after a change:
            // it is shown, not ranked here.)
            var retrainers = SlidingWindowLearners.Select(a => Score(a, "adaptation")).Average();
            Expect(retrainers > Score(StudentArchetype.TrainsOnce, "adaptation") + adaptationMargin,
                $"retraining on every release adapts better than training once, by more than {adaptationMargin:F2} (mean of the retrainers: {retrainers:F3})");
            Expect(Overall(diligent) > Overall(StudentArchetype.TrainsOnce), "retraining on every release beats training once overall");

            // The boosted pair, on the criteria a model decides (batch quality, endpoint quality, adaptation). The margin test
            // measures what never retraining costs a tree learner overall (0.12 to 0.24); here a tree fit takes a second or two
            // inside the student's loop, which a compressed run turns into late fetches and submissions that the habits'
            // criteria would count, so only the model's part is compared, by half the 0.1 the templates are tuned for.
            if (run.BoostedGrades.Count > 0)
            {
                var (boostedDiligent, boostedOnce) = (BoostedModelScore(diligent), BoostedModelScore(StudentArchetype.TrainsOnce));
                Expect(boostedDiligent > boostedOnce + 0.05,
                    $"with boosted trees too, retraining on every release beats training once on what the model decides ({boostedDiligent:F3} against {boostedOnce:F3})");
            }
        }

        // Every batch of the late student is late by design, so it earns the late credit on each; how much on-time work earns
        // in this run shows in the most punctual of the students who submit on time: on two loaded cores the compressed run
        // makes any one of them miss deadlines (card-fraud's diligent student came to 0.80 in a full run, its peers to 0.91).
        var punctual = OnTimeSubmitters.Max(a => Score(a, "punctuality"));
        var late = Score(StudentArchetype.SubmitsLate, "punctuality");
        Expect(late < punctual - 0.3, $"late work loses punctuality ({late:F3} against {punctual:F3}, the most punctual of those who submit on time)");
        Expect(Math.Abs(Score(StudentArchetype.SubmitsLate, "batchQuality") - Score(diligent, "batchQuality")) < 0.2,
            "late work keeps its batch quality (the cohort takes late work without penalty)");
        Expect(Score(StudentArchetype.SubmitsLate, "endpointAvailability") >= Score(diligent, "endpointAvailability") - 0.15,
            "late work does not cost endpoint availability");

        Expect(Score(StudentArchetype.FlakyEndpoint, "endpointAvailability") < Score(diligent, "endpointAvailability") - 0.2,
            "a flaky endpoint loses availability");
        Expect(Math.Abs(Score(StudentArchetype.FlakyEndpoint, "punctuality") - Score(diligent, "punctuality")) < 0.2,
            "a flaky endpoint keeps its punctuality");

        Expect(Score(StudentArchetype.SlowEndpoint, "endpointLatency") < Score(diligent, "endpointLatency") - 0.2,
            "a slow endpoint loses latency");
        Expect(Math.Abs(Score(StudentArchetype.SlowEndpoint, "punctuality") - Score(diligent, "punctuality")) < 0.2,
            "a slow endpoint keeps its punctuality");

        foreach (var criterion in (string[])["endpointAvailability", "endpointLatency", "endpointQuality"])
        {
            Expect(Level(StudentArchetype.NeverDeploys, criterion) == "NotYetProficient", $"never deploying is NotYetProficient on {criterion}");
        }

        Expect(Overall(diligent) > Overall(StudentArchetype.NeverDeploys), "deploying beats never deploying overall");

        var copier = Name(StudentArchetype.Copier);
        var source = Name(diligent);
        Expect(run.Flags.EnumerateArray().Any(f =>
            f.GetProperty("students").EnumerateArray().Select(s => s.GetString()).Order().SequenceEqual(new[] { copier, source }.Order())),
            "the copier is flagged with the student it copied");
        Expect(!run.Flags.EnumerateArray().Any(f => f.GetProperty("students").EnumerateArray().All(s => s.GetString() != copier)),
            "no one but the copier's pair is flagged");
    }

    /// <summary>
    /// The monitoring criterion on the demo's scenario (an api outage, a renamed column, the rate card, longer trips): the
    /// student who reports what its checks show earns most; the one who reports noise too earns less, each false alarm
    /// weighing on the share of reports that matched; the one who never reports earns nothing and is told each event it
    /// missed. Nothing else differs between them, so nothing else may differ much in their grades.
    /// </summary>
    private static void JudgeMonitoring(CohortRun run, List<string> problems)
    {
        double Score(StudentArchetype a) => Criterion(run.Grades[a], "monitoring").GetProperty("score").GetDouble();
        string Feedback(StudentArchetype a) => Criterion(run.Grades[a], "monitoring").GetProperty("feedback").GetString() ?? "";
        void Expect(bool condition, string claim)
        {
            if (!condition)
            {
                problems.Add($"{run.Template}: {claim}");
            }
        }

        var (diligent, alarmist, silent) = (Score(StudentArchetype.Diligent), Score(StudentArchetype.FalseAlarmer), Score(StudentArchetype.Silent));
        Expect(diligent >= 0.5, $"reporting what the checks show is at least Proficient on monitoring ({diligent:F3})");
        Expect(alarmist < diligent - 0.1, $"false alarms cost monitoring ({alarmist:F3} against {diligent:F3})");
        Expect(alarmist > silent, $"reporting with false alarms beats never reporting ({alarmist:F3} against {silent:F3})");
        Expect(silent == 0, $"never reporting earns nothing on monitoring ({silent:F3})");
        Expect(run.Students.Values.All(s => s.Activity.Reports.All(r => r.Filed)), "every report is filed (none refused)");
        var feedback = Feedback(StudentArchetype.Silent);
        foreach (var missed in (string[])["The api channel outage on day 6", "The schema change on day 9", "The concept drift on day 15", "The shift in distance_km on day 21"])
        {
            Expect(feedback.Contains(missed + " went unreported.", StringComparison.Ordinal), $"the silent student is told: {missed} went unreported");
        }

        Expect(Feedback(StudentArchetype.FalseAlarmer).Contains("matched no event (false alarms", StringComparison.Ordinal),
            "the false alarmer is told of its false alarms");
    }

    /// <summary>
    /// The rollout criterion on taxi-fares: both students retrain after every release, so both deploy daily; switching
    /// blue-green keeps every probe answered, taking the endpoint down at each switch fails the probes around it.
    /// </summary>
    private static void JudgeRollouts(CohortRun run, List<string> problems)
    {
        double Score(StudentArchetype a, string criterion) => ValidityRun.Score(run.Grades[a], criterion);
        void Expect(bool condition, string claim)
        {
            if (!condition)
            {
                problems.Add($"rollouts: {claim}");
            }
        }

        var (blueGreen, downtime) = (Score(StudentArchetype.BlueGreen, "rollout"), Score(StudentArchetype.RedeploysWithDowntime, "rollout"));
        Expect(blueGreen >= 0.7, $"blue-green deploys are at least Advanced on rollout ({blueGreen:F3})");
        Expect(downtime < blueGreen - 0.2, $"downtime at every deploy costs rollout ({downtime:F3} against {blueGreen:F3})");
        Expect(Score(StudentArchetype.RedeploysWithDowntime, "endpointAvailability") < Score(StudentArchetype.BlueGreen, "endpointAvailability"),
            "downtime at every deploy costs availability too");
        var feedback = Criterion(run.Grades[StudentArchetype.RedeploysWithDowntime], "rollout").GetProperty("feedback").GetString() ?? "";
        Expect(feedback.Contains("probes failed", StringComparison.Ordinal), $"the feedback names the failed probes of a deploy ({feedback})");
    }
}
