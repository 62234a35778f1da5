using System.Collections.Immutable;
using PPipe.Scenarios;
using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Grains.Assessment;

/// <summary>
/// Grades an enrollment against its cohort's rubric (the scenario's, with the cohort's weights): a pure function of a
/// <see cref="GradingInput"/>. Every criterion of the rubric (the ones with a positive weight) is listed, in the rubric's
/// order, with a score in [0, 1] judged only from what was due by the input's time, or a null score (and no level) while
/// nothing can be judged yet; the overall score leaves those out and rescales the rest (<see cref="Rubric.Overall"/>), and
/// the cohort's policy decides its level (<see cref="CourseGrading.LevelOf"/>).
/// </summary>
internal static class Grader
{
    public static GradeReport Grade(GradingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var context = new GradingContext(input);
        var grading = input.Grading ?? new CourseGrading(context.Scenario.Grading, GradingPolicy.WeightedMean);
        var rubric = grading.Rubric;
        var scores = new Dictionary<Criterion, double>();
        var criteria = ImmutableArray.CreateBuilder<CriterionGrade>(rubric.Criteria.Length);
        foreach (var (criterion, weight) in rubric.Criteria)
        {
            var judgement = Judge(criterion, context);
            var score = judgement.Score is { } raw ? Math.Round(Math.Clamp(raw, 0, 1), 4) : (double?)null;
            if (score is { } judged)
            {
                scores[criterion] = judged;
            }

            criteria.Add(new CriterionGrade(
                ScenarioNames.Of(criterion),
                weight,
                score,
                score is { } s ? rubric.Levels.LevelFor(s).ToString() : null,
                judgement.Feedback));
        }

        if (rubric.Overall(scores) is not { } total)
        {
            return new GradeReport(null, null, criteria.MoveToImmutable(), input.Now);
        }

        var overall = Math.Round(total, 4);
        var level = grading.LevelOf(overall, scores);
        return new GradeReport(overall, level.Level.ToString(), criteria.MoveToImmutable(), input.Now, level.IsCapped ? CapFeedback(level) : null);
    }

    /// <summary>"Overall level capped at NotYetProficient by punctuality (NotYetProficient): this course requires every criterion at least Proficient."</summary>
    private static string CapFeedback(OverallLevel level) =>
        $"Overall level capped at {level.Level} by {FeedbackText.Join([.. level.CappedBy.Select(c => $"{ScenarioNames.Of(c)} ({level.Level})")])}: " +
        (level.Level < GradeLevel.Proficient
            ? $"this course requires every criterion at least {GradeLevel.Proficient}."
            : "in this course the overall level is never above a criterion's.");

    private static Judgement Judge(Criterion criterion, GradingContext context) => criterion switch
    {
        Criterion.Acquisition => AcquisitionCriterion.Judge(context),
        Criterion.BatchQuality => BatchQualityCriterion.Judge(context),
        Criterion.Punctuality => PunctualityCriterion.Judge(context),
        Criterion.EndpointAvailability => EndpointAvailabilityCriterion.Judge(context),
        Criterion.EndpointLatency => EndpointLatencyCriterion.Judge(context),
        Criterion.EndpointQuality => EndpointQualityCriterion.Judge(context),
        Criterion.Monitoring => MonitoringCriterion.Judge(context),
        Criterion.Lineage => LineageCriterion.Judge(context),
        Criterion.Reproducibility => ReproducibilityCriterion.Judge(context),
        Criterion.Rollout => RolloutCriterion.Judge(context),
        _ => AdaptationCriterion.Judge(context),
    };
}
