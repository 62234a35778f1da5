using System.Collections.Immutable;

namespace PPipe.Scenarios;

/// <summary>The grading rubric: criteria with weights that add up to 1, and level thresholds.</summary>
public sealed record Rubric(ImmutableArray<CriterionWeight> Criteria, LevelThresholds Levels)
{
    public double WeightOf(Criterion criterion) =>
        Criteria.FirstOrDefault(c => c.Criterion == criterion)?.Weight ?? 0.0;

    /// <summary>
    /// The weighted overall score of per-criterion scores (0..1). Criteria without a score yet are left
    /// out and the remaining weights rescaled, so an early grade is not dragged down by what cannot be
    /// judged yet. Null when nothing can be judged.
    /// </summary>
    public double? Overall(IReadOnlyDictionary<Criterion, double> scores)
    {
        double sum = 0, weights = 0;
        foreach (var (criterion, weight) in Criteria)
        {
            if (scores.TryGetValue(criterion, out var score) && double.IsFinite(score))
            {
                sum += weight * Math.Clamp(score, 0, 1);
                weights += weight;
            }
        }

        return weights > 0 ? sum / weights : null;
    }
}
