using PPipe.Grains.Interfaces.Outbound;

namespace PPipe.Grains.Assessment;

/// <summary>
/// Endpoint availability: the share of scheduled probe attempts (first tries and retries alike; calls skipped
/// while the circuit was open count as failed) that succeeded, times the share of the required time the endpoint
/// was registered at all (the time before counts as down). Full credit at or above the SLO; beyond the SLO's error
/// budget each doubling of the failure rate costs a quarter, so 16 times the budget scores 0.
/// </summary>
internal static class EndpointAvailabilityCriterion
{
    private const double DoublingsToZero = 4;

    public static Judgement Judge(GradingContext context)
    {
        if (EndpointRequirement.Precondition(context) is { } verdict)
        {
            return verdict;
        }

        var plan = context.Scenario.Endpoint!;
        var buckets = context.Probes.Buckets;
        long attempts = 0, successes = 0;
        foreach (var bucket in buckets)
        {
            attempts += bucket.Attempts;
            successes += bucket.Successes;
        }

        if (attempts == 0)
        {
            return EndpointRequirement.WaitingForProbes();
        }

        var required = context.Now - plan.From;
        var registeredFrom = context.EndpointRegisteredFrom ?? plan.From;
        var unregistered = registeredFrom <= plan.From ? TimeSpan.Zero : registeredFrom - plan.From > required ? required : registeredFrom - plan.From;
        var covered = required > TimeSpan.Zero ? 1 - unregistered / required : 1;
        var availability = covered * successes / attempts;
        var budget = Math.Max(1 - plan.Availability, 1e-4);
        var failing = 1 - availability;
        var score = failing <= budget ? 1 : Math.Clamp(1 - Math.Log2(failing / budget) / DoublingsToZero, 0, 1);
        var slo = FeedbackText.Percent(plan.Availability);
        if (availability >= plan.Availability)
        {
            return new Judgement(score, $"Availability {FeedbackText.Percent(availability)} meets the {slo} SLO ({successes} of {attempts} probes answered).");
        }

        var text = $"Availability {FeedbackText.Percent(availability)} against the {slo} SLO.";
        if (unregistered > TimeSpan.Zero)
        {
            text += $" Your endpoint was first registered on day {FeedbackText.Day(registeredFrom)}, {FeedbackText.Span(unregistered)} after probing started on day {FeedbackText.Day(plan.From)}; that time counts as down.";
        }

        var excess = new double[buckets.Count];
        for (var i = 0; i < buckets.Count; i++)
        {
            excess[i] = buckets[i].Attempts - buckets[i].Successes - budget * buckets[i].Attempts;
        }

        if (Stretch.Worst(excess) is (int first, int last))
        {
            long runAttempts = 0, runFailures = 0;
            var byKind = new long[Enum.GetValues<OutboundFailureKind>().Length];
            for (var i = first; i <= last; i++)
            {
                runAttempts += buckets[i].Attempts;
                runFailures += buckets[i].Attempts - buckets[i].Successes;
                for (var kind = 0; kind < buckets[i].Failures.Length && kind < byKind.Length; kind++)
                {
                    byKind[kind] += buckets[i].Failures[kind];
                }
            }

            var dominant = Dominant(byKind, runFailures);
            var to = context.Probes.BucketEnd(buckets[last].Index);
            var during = first == 0 && last == buckets.Count - 1
                ? ""
                : " " + FeedbackText.During(context.Probes.BucketStart(buckets[first].Index), to < context.Now ? to : context.Now);
            text += $" {FeedbackText.Percent(runFailures / (double)runAttempts)} of probes failed{during},"
                + $" mostly {FeedbackText.FailureKind(dominant, plan.Timeout)}. {FeedbackText.FailureAdvice(dominant)}";
        }

        return new Judgement(score, text);
    }

    /// <summary>The most frequent failure kind, or null when failures without a kind outnumber it.</summary>
    private static OutboundFailureKind? Dominant(long[] byKind, long failures)
    {
        var best = -1;
        long known = 0;
        for (var kind = 0; kind < byKind.Length; kind++)
        {
            known += byKind[kind];
            if (byKind[kind] > 0 && (best < 0 || byKind[kind] > byKind[best]))
            {
                best = kind;
            }
        }

        return best >= 0 && byKind[best] >= failures - known ? (OutboundFailureKind)best : null;
    }
}
