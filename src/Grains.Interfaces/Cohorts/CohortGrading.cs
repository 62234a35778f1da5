using System.Collections.Immutable;

namespace PPipe.Grains.Interfaces.Cohorts;

/// <summary>
/// A cohort's own grading: <see cref="Policy"/> is <c>weighted-mean</c> or <c>all-proficient</c>; <see cref="Weights"/> are
/// the cohort's weights for criteria of its scenario's rubric, by their spec names (<c>punctuality</c>): a criterion left
/// out keeps the scenario's weight, 0 switches it off.
/// </summary>
[GenerateSerializer, Immutable, Alias("ppipe.CohortGrading")]
public sealed record CohortGrading(string Policy, ImmutableDictionary<string, double> Weights)
{
    /// <summary>
    /// Equal when the policy and every weight are: an enrollment compares the cohort it holds with each fresh read to decide
    /// whether to store it again, and two reads of the same cohort hold different dictionaries.
    /// </summary>
    public bool Equals(CohortGrading? other) =>
        other is not null && Policy == other.Policy && Weights.Count == other.Weights.Count
        && Weights.All(w => other.Weights.TryGetValue(w.Key, out var weight) && weight.Equals(w.Value));

    public override int GetHashCode() => HashCode.Combine(Policy, Weights.Count);
}
