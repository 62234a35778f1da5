using System.Collections.Immutable;

namespace PPipe.Scenarios;

/// <summary>
/// How one course (a cohort) grades: its rubric, which is the scenario's with the course's own weights
/// (<see cref="Rubric.WithWeights"/>), and its policy. The overall score is the rubric's weighted mean under either
/// policy; the policy decides the overall level.
/// </summary>
public sealed record CourseGrading(Rubric Rubric, GradingPolicy Policy)
{
    /// <summary>The policies as the API spells them.</summary>
    public static IReadOnlyDictionary<string, GradingPolicy> Policies { get; } = new Dictionary<string, GradingPolicy>(StringComparer.Ordinal)
    {
        ["weighted-mean"] = GradingPolicy.WeightedMean,
        ["all-proficient"] = GradingPolicy.AllProficient,
    };

    /// <summary>A policy as the API spells it.</summary>
    public static string NameOf(GradingPolicy policy) => policy == GradingPolicy.AllProficient ? "all-proficient" : "weighted-mean";

    /// <summary>
    /// The overall level of a (rounded) overall score, given the scores of the criteria judged so far. Under
    /// <see cref="GradingPolicy.AllProficient"/> it is at most the lowest level of those criteria, and the criteria at that
    /// level are named when they lowered it; criteria not judged yet (absent from <paramref name="scores"/>) do not count.
    /// </summary>
    public OverallLevel LevelOf(double overall, IReadOnlyDictionary<Criterion, double> scores) => LevelOf(overall, Rubric.InOrder(scores));

    /// <summary>
    /// <see cref="LevelOf(double, IReadOnlyDictionary{Criterion, double})"/> with the scores given in the order of the rubric's
    /// criteria, null where a criterion has none yet: how the grader keeps them, since a grade is computed at every progress push.
    /// </summary>
    public OverallLevel LevelOf(double overall, ReadOnlySpan<double?> scores)
    {
        var level = Rubric.Levels.LevelFor(overall);
        if (Policy != GradingPolicy.AllProficient)
        {
            return new OverallLevel(level, []);
        }

        // Loops rather than a query, and the capping criteria counted before they are kept in an array of their size: most
        // grades under this policy are capped.
        var criteria = Rubric.Criteria;
        var lowest = level;
        var lowestCount = 0;
        for (var i = 0; i < criteria.Length; i++)
        {
            if (scores[i] is { } score)
            {
                var criterionLevel = Rubric.Levels.LevelFor(score);
                if (criterionLevel < lowest)
                {
                    lowest = criterionLevel;
                    lowestCount = 1;
                }
                else if (criterionLevel == lowest)
                {
                    lowestCount++;
                }
            }
        }

        if (lowest == level)
        {
            return new OverallLevel(level, []);
        }

        var capped = ImmutableArray.CreateBuilder<Criterion>(lowestCount);
        for (var i = 0; i < criteria.Length; i++)
        {
            if (scores[i] is { } score && Rubric.Levels.LevelFor(score) == lowest)
            {
                capped.Add(criteria[i].Criterion);
            }
        }

        return new OverallLevel(lowest, capped.MoveToImmutable());
    }
}
