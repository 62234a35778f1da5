using System.Collections.Immutable;

namespace PPipe.Scenarios;

/// <summary>The grading rubric: criteria with weights that add up to 1, and level thresholds.</summary>
public sealed record Rubric(ImmutableArray<CriterionWeight> Criteria, LevelThresholds Levels)
{
    public double WeightOf(Criterion criterion) =>
        Criteria.FirstOrDefault(c => c.Criterion == criterion)?.Weight ?? 0.0;

    /// <summary>
    /// This rubric weighed anew, as a course may weigh its scenario's: a criterion in <paramref name="weights"/> takes
    /// that weight, on the scale of <see cref="Criteria"/> (whose weights add up to 1), and 0 leaves it out; the others
    /// keep theirs. The weights are normalised again to add up to 1. Null when no criterion keeps a positive weight.
    /// </summary>
    /// <exception cref="ArgumentException">A criterion this rubric does not assess, or a weight that is negative or not finite.</exception>
    public Rubric? WithWeights(IReadOnlyDictionary<Criterion, double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        foreach (var (criterion, weight) in weights)
        {
            if (WeightOf(criterion) <= 0 || !double.IsFinite(weight) || weight < 0)
            {
                throw new ArgumentException($"The rubric cannot weigh {criterion} {weight}: it assesses {string.Join(", ", Criteria.Select(c => c.Criterion))}, with finite weights of 0 or more.", nameof(weights));
            }
        }

        var kept = Criteria.Select(c => c with { Weight = weights.GetValueOrDefault(c.Criterion, c.Weight) }).Where(c => c.Weight > 0).ToList();
        var total = kept.Sum(c => c.Weight);
        return kept.Count > 0 ? this with { Criteria = [.. kept.Select(c => c with { Weight = c.Weight / total })] } : null;
    }

    /// <summary>
    /// The weighted overall score of per-criterion scores (0..1). Criteria without a score yet are left
    /// out and the remaining weights rescaled, so an early grade is not dragged down by what cannot be
    /// judged yet. Null when nothing can be judged.
    /// </summary>
    public double? Overall(IReadOnlyDictionary<Criterion, double> scores) => Overall(InOrder(scores));

    /// <summary>
    /// <see cref="Overall(IReadOnlyDictionary{Criterion, double})"/> of the scores given in the order of <see cref="Criteria"/>,
    /// null where a criterion has none yet: how the grader keeps them, since a grade is computed at every progress push.
    /// </summary>
    public double? Overall(ReadOnlySpan<double?> scores)
    {
        double sum = 0, weights = 0;
        for (var i = 0; i < Criteria.Length; i++)
        {
            if (scores[i] is { } score && double.IsFinite(score))
            {
                var weight = Criteria[i].Weight;
                sum += weight * Math.Clamp(score, 0, 1);
                weights += weight;
            }
        }

        return weights > 0 ? sum / weights : null;
    }

    /// <summary>The scores of <see cref="Criteria"/> in their order, null where <paramref name="scores"/> has none.</summary>
    internal double?[] InOrder(IReadOnlyDictionary<Criterion, double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var inOrder = new double?[Criteria.Length];
        for (var i = 0; i < inOrder.Length; i++)
        {
            inOrder[i] = scores.TryGetValue(Criteria[i].Criterion, out var score) ? score : null;
        }

        return inOrder;
    }
}
