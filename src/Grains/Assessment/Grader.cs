using System.Collections.Immutable;
using PPipe.Scenarios;
using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Grains.Assessment;

/// <summary>
/// Grades an enrollment against its scenario's rubric: a pure function of a <see cref="GradingInput"/>. Every
/// criterion of the rubric (the ones with a positive weight) is listed, in the rubric's order, with a score in
/// [0, 1] judged only from what was due by the input's time, or a null score (and no level) while nothing can be
/// judged yet; the overall score leaves those out and rescales the rest (<see cref="Rubric.Overall"/>).
/// </summary>
internal static class Grader
{
    public static GradeReport Grade(GradingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var context = new GradingContext(input);
        var rubric = context.Scenario.Grading;
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

        var overall = rubric.Overall(scores) is { } total ? Math.Round(total, 4) : (double?)null;
        return new GradeReport(overall, overall is { } o ? rubric.Levels.LevelFor(o).ToString() : null, criteria.MoveToImmutable(), input.Now);
    }

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
        _ => AdaptationCriterion.Judge(context),
    };
}
