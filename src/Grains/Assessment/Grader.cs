using System.Collections.Immutable;
using PPipe.Scenarios;
using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Grains.Assessment;

/// <summary>
/// Grades an enrollment against its cohort's rubric (the scenario's, with the cohort's weights): a pure function of a
/// <see cref="GradingInput"/>. Every criterion of the rubric (the ones with a positive weight) is listed, in the rubric's
/// order, with a score in [0, 1] judged only from what was due by the input's time, or a null score (and no level) while
/// nothing can be judged yet; the overall score leaves those out and rescales the rest (<see cref="Rubric.Overall(ReadOnlySpan{double?})"/>), and
/// the cohort's policy decides its level (<see cref="CourseGrading.LevelOf(double, ReadOnlySpan{double?})"/>).
/// </summary>
internal static class Grader
{
    /// <summary>Criteria whose scores a grade keeps on the stack (there are eleven criteria); a longer rubric keeps them in an array.</summary>
    private const int MaxCriteriaOnStack = 32;

    public static GradeReport Grade(GradingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var context = new GradingContext(input);
        var grading = input.Grading ?? new CourseGrading(context.Scenario.Grading, GradingPolicy.WeightedMean);
        var rubric = grading.Rubric;
        // The scores in the rubric's order, null where nothing can be judged yet, on the stack: with the opt-in criteria a
        // rubric has up to eleven, and the overall score and the policy's level read them in that order.
        Span<double?> scores = rubric.Criteria.Length <= MaxCriteriaOnStack ? stackalloc double?[rubric.Criteria.Length] : new double?[rubric.Criteria.Length];
        var criteria = ImmutableArray.CreateBuilder<CriterionGrade>(rubric.Criteria.Length);
        for (var i = 0; i < rubric.Criteria.Length; i++)
        {
            var (criterion, weight) = rubric.Criteria[i];
            var judgement = Judge(criterion, context);
            var score = judgement.Score is { } raw ? Math.Round(Math.Clamp(raw, 0, 1), 4) : (double?)null;
            scores[i] = score;
            criteria.Add(new CriterionGrade(
                ScenarioNames.Of(criterion),
                weight,
                score,
                score is { } s ? NameOf(rubric.Levels.LevelFor(s)) : null,
                judgement.Feedback));
        }

        if (rubric.Overall(scores) is not { } total)
        {
            return new GradeReport(null, null, criteria.MoveToImmutable(), input.Now);
        }

        var overall = Math.Round(total, 4);
        var level = grading.LevelOf(overall, scores);
        return new GradeReport(overall, NameOf(level.Level), criteria.MoveToImmutable(), input.Now, level.IsCapped ? CapFeedback(level) : null);
    }

    /// <summary>A level as grades hold it, its C# name (what <c>ToString</c> gives, without boxing the value for every criterion of every grade).</summary>
    private static string NameOf(GradeLevel level) => level switch
    {
        GradeLevel.NotYetProficient => nameof(GradeLevel.NotYetProficient),
        GradeLevel.Proficient => nameof(GradeLevel.Proficient),
        GradeLevel.Advanced => nameof(GradeLevel.Advanced),
        GradeLevel.Expert => nameof(GradeLevel.Expert),
        _ => level.ToString(),
    };

    /// <summary>"Overall level capped at NotYetProficient by punctuality (NotYetProficient): this course requires every criterion at least Proficient."</summary>
    private static string CapFeedback(OverallLevel level)
    {
        // The criteria joined as FeedbackText.Join joins them ("a", "a and b", "a, b and c"), written into the thread's
        // feedback buffer: under all-proficient most grades below Expert are capped, at every progress push.
        // The level is written by its name, as ToString writes it, without formatting the enum for every criterion named.
        var name = NameOf(level.Level);
        var text = FeedbackBuffer.Rent().Append("Overall level capped at ").Append(name).Append(" by ");
        var capped = level.CappedBy;
        for (var i = 0; i < capped.Length; i++)
        {
            text.Append(i == 0 ? "" : i == capped.Length - 1 ? " and " : ", ").Append(ScenarioNames.Of(capped[i])).Append(" (").Append(name).Append(')');
        }

        text.Append(": ").Append(level.Level < GradeLevel.Proficient
            ? "this course requires every criterion at least " + nameof(GradeLevel.Proficient) + "."
            : "in this course the overall level is never above a criterion's.");
        return FeedbackBuffer.Finish(text);
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
        Criterion.Reproducibility => ReproducibilityCriterion.Judge(context),
        Criterion.Rollout => RolloutCriterion.Judge(context),
        _ => AdaptationCriterion.Judge(context),
    };
}
