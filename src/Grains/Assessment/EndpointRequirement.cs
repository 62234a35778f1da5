using PPipe.Grains.Client.Releases;

namespace PPipe.Grains.Assessment;

/// <summary>What the endpoint criteria share: the verdict before there is anything to measure.</summary>
internal static class EndpointRequirement
{
    /// <summary>The share of successful probes the latency SLO lets exceed its p95.</summary>
    public const double SlowShareAllowed = 0.05;

    /// <summary>A verdict when the scenario has no endpoint, probing has not started, or no endpoint was ever
    /// registered (0); null when the probes can be judged.</summary>
    public static Judgement? Precondition(GradingContext context)
    {
        if (context.Scenario.Endpoint is not { } plan)
        {
            return Judgement.NotYet("This scenario has no endpoint requirement.");
        }

        var from = FeedbackText.Day(plan.From);
        if (context.Now < plan.From)
        {
            return Judgement.NotYet(context.IsDeployed
                ? $"Your endpoint is registered; probing starts on day {from}."
                : $"Your endpoint is probed from day {from} on: register it with PUT {ApiRoutes.Endpoint} before then.");
        }

        if (!context.IsDeployed)
        {
            return new Judgement(0, $"No endpoint is registered, though probing started on day {from}: deploy your model and register its URL with PUT {ApiRoutes.Endpoint}.");
        }

        return null;
    }

    public static Judgement WaitingForProbes() =>
        Judgement.NotYet("Your endpoint is registered; waiting for its first scheduled probe.");

    public static long Attempts(ProbeLedger probes)
    {
        long attempts = 0;
        foreach (var bucket in probes.Buckets)
        {
            attempts += bucket.Attempts;
        }

        return attempts;
    }

    public static long[] Widen(int[] counts)
    {
        var wide = new long[counts.Length];
        for (var i = 0; i < counts.Length; i++)
        {
            wide[i] = counts[i];
        }

        return wide;
    }
}
