using PPipe.Scenarios;
using PPipe.Scenarios.Assessment;
using PPipe.Simulation.Learning;

namespace PPipe.Simulation.Tests.Learning;

/// <summary>
/// What never retraining costs in the grade, per built-in template and learner: a student who trained once on the first
/// releases (<c>TrainsOnce</c>) against one who retrains on the latest releases before every batch (<c>Diligent</c>),
/// both scored on every batch on the platform's quality scale. The grade sees that gap through three criteria:
/// batch quality (only batches whose labels are out by the scenario's end), endpoint quality (probes from the endpoint's
/// start; the batches stand in for them, drawn from the same world) and adaptation (what came back in the recovery
/// window after each change, against the quality right after it). Their weighted difference is the overall margin retraining earns; every other criterion is the same for both.
/// </summary>
public sealed class RetrainingMarginTests(ITestOutputHelper output)
{
    /// <summary>The releases both students train on first (the simulated students' default window).</summary>
    private const int Window = 3;

    [Theory]
    [InlineData("taxi-fares", LearnerKind.Linear, 0.1)]
    [InlineData("taxi-fares", LearnerKind.BoostedTrees, 0.1)]
    [InlineData("card-fraud", LearnerKind.Linear, 0.1)]
    [InlineData("card-fraud", LearnerKind.BoostedTrees, 0.1)]
    [InlineData("customer-churn", LearnerKind.Linear, 0.1)]
    [InlineData("customer-churn", LearnerKind.BoostedTrees, 0.1)]
    [InlineData("predictive-maintenance", LearnerKind.Linear, 0.1)]
    [InlineData("predictive-maintenance", LearnerKind.BoostedTrees, 0.1)]
    [InlineData("energy-demand", LearnerKind.Linear, 0.1)]
    [InlineData("energy-demand", LearnerKind.BoostedTrees, 0.1)]
    [InlineData("water-demand", LearnerKind.Linear, 0.1)]
    [InlineData("water-demand", LearnerKind.BoostedTrees, 0.1)]
    public void NeverRetraining_EveryTemplate_CostsAClearOverallMargin(string templateId, LearnerKind learner, double margin)
    {
        var data = new TemplateData(templateId);
        var scenario = data.Scenario;
        var releases = scenario.Releases;
        var batches = scenario.Batches!;
        var count = batches.CountWithin(scenario.Duration);
        var once = data.Fit(1, Window, learner);
        var models = new Dictionary<int, Model>();
        var gap = new double[count + 1];
        var retrainedQuality = new double[count + 1];
        var onceQuality = new double[count + 1];
        for (var seq = 1; seq <= count; seq++)
        {
            var latest = releases.CountWithin(batches.OpensAt(seq) + TimeSpan.FromTicks(1));
            if (!models.TryGetValue(latest, out var retrained))
            {
                retrained = models[latest] = latest <= Window ? once : data.Fit(latest - Window + 1, latest, learner);
            }

            retrainedQuality[seq] = data.Quality(retrained, seq);
            onceQuality[seq] = data.Quality(once, seq);
            gap[seq] = retrainedQuality[seq] - onceQuality[seq];
        }

        var graded = Enumerable.Range(1, count).Where(s => batches.LabelsAt(s) <= scenario.Duration).ToList();
        var probed = Enumerable.Range(1, count).Where(s => scenario.Endpoint is not { } e || batches.OpensAt(s) >= e.From).ToList();
        var longest = batches.Cadence > releases.Cadence ? batches.Cadence : releases.Cadence;
        var windows = AdaptationWindow.Of(scenario, longest).ToList();
        var batchQuality = graded.Count == 0 ? 0 : graded.Average(s => gap[s]);
        var endpointQuality = probed.Count == 0 ? 0 : probed.Average(s => gap[s]);
        foreach (var w in windows)
        {
            output.WriteLine($"adaptation to the change on {w.Change.At}, window {w.Opens} to {w.Closes}: "
                + $"retrained {Adaptation(retrainedQuality, w, graded, batches):F3}, once {Adaptation(onceQuality, w, graded, batches):F3}");
        }

        var adaptation = windows.Count == 0 ? 0 : windows.Average(w =>
            Adaptation(retrainedQuality, w, graded, batches) - Adaptation(onceQuality, w, graded, batches));
        var rubric = scenario.Grading;
        var overall = rubric.WeightOf(Criterion.BatchQuality) * batchQuality + rubric.WeightOf(Criterion.EndpointQuality) * endpointQuality
            + (windows.Count == 0 ? 0 : rubric.WeightOf(Criterion.Adaptation) * adaptation);
        overall /= rubric.Criteria.Where(c => c.Criterion != Criterion.Adaptation || windows.Count > 0).Sum(c => c.Weight);

        output.WriteLine($"{templateId} {learner}: retraining gains batch quality {batchQuality:F3} ({graded.Count} graded), endpoint quality {endpointQuality:F3}, "
            + $"adaptation {adaptation:F3} ({windows.Count} changes): overall {overall:F3}");
        output.WriteLine("quality per batch, retrained/once: " + string.Join(' ', Enumerable.Range(1, count).Select(s => $"{s}:{retrainedQuality[s]:F2}/{onceQuality[s]:F2}")));
        Assert.True(overall >= margin, $"{templateId} {learner}: never retraining costs {overall:F3} overall, want {margin:F2}.");
    }

    /// <summary>The adaptation criterion's score of one change: half the quality in the recovery window, half the share of the
    /// exposure's loss won back there (the batches stand in for the probes, so every batch counts, labelled or not).</summary>
    private static double Adaptation(double[] quality, AdaptationWindow window, List<int> graded, BatchPlan batches)
    {
        double? Mean(TimeSpan from, TimeSpan to)
        {
            var all = Enumerable.Range(1, quality.Length - 1).Where(s => batches.DueAt(s) >= from && batches.DueAt(s) <= to).ToList();
            var judged = all.Where(graded.Contains).ToList();
            return all.Count == 0 ? null
                : judged.Count == 0 ? all.Average(s => quality[s])
                : (judged.Average(s => quality[s]) + all.Average(s => quality[s])) / 2;
        }

        var late = Mean(window.Opens, window.Closes) ?? 0;
        var exposed = Mean(window.Settled, window.Opens - TimeSpan.FromTicks(1)) ?? 0;
        var regained = exposed >= 1 ? (late >= 1 ? 1 : 0) : Math.Clamp((late - exposed) / (1 - exposed), 0, 1);
        return (late + regained) / 2;
    }
}
