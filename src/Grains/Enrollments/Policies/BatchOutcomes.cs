using PPipe.Grains.Assessment;

namespace PPipe.Grains.Enrollments.Policies;

/// <summary>Looks up an enrollment's batch outcomes by seq.</summary>
internal static class BatchOutcomes
{
    /// <summary>The batch's outcome so far, or null (a loop, not a lambda: ticks ask this for every batch of the scenario).</summary>
    public static BatchOutcome? OutcomeOf(this IReadOnlyList<BatchOutcome> outcomes, int seq)
    {
        foreach (var outcome in outcomes)
        {
            if (outcome.Seq == seq)
            {
                return outcome;
            }
        }

        return null;
    }
}
