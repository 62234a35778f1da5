namespace PPipe.Grains.Assessment;

/// <summary>
/// Endpoint latency: the p95 latency of successful scheduled probes (estimated from the ledger's log-scale
/// histogram) against the SLO's p95. Full credit at or under it; each doubling above it costs half, so four times
/// the SLO scores 0. An endpoint that never answered scores 0.
/// </summary>
internal static class EndpointLatencyCriterion
{
    private const double DoublingsToZero = 2;

    public static Judgement Judge(GradingContext context)
    {
        if (EndpointRequirement.Precondition(context) is { } verdict)
        {
            return verdict;
        }

        var plan = context.Scenario.Endpoint!;
        if (EndpointRequirement.Attempts(context.Probes) == 0)
        {
            return EndpointRequirement.WaitingForProbes();
        }

        var p95 = context.Probes.LatencyQuantile(0.95);
        if (double.IsNaN(p95))
        {
            return new Judgement(0, "None of your endpoint's probes has succeeded, so there is no latency to measure: see endpointAvailability.");
        }

        var slo = plan.P95LatencyMs;
        if (p95 <= slo)
        {
            return new Judgement(1, $"p95 latency {FeedbackText.Ms(p95)}, within the {FeedbackText.Ms(slo)} SLO.");
        }

        var score = Math.Clamp(1 - Math.Log2(p95 / slo) / DoublingsToZero, 0, 1);
        var text = $"p95 latency {FeedbackText.Ms(p95)} against the {FeedbackText.Ms(slo)} SLO.";
        var buckets = context.Probes.Buckets;
        var excess = new double[buckets.Count];
        for (var i = 0; i < buckets.Count; i++)
        {
            excess[i] = LatencyHistogram.CountAbove(EndpointRequirement.Widen(buckets[i].Latency), slo)
                - EndpointRequirement.SlowShareAllowed * buckets[i].Successes;
        }

        if (Stretch.Worst(excess) is (int first, int last) && (first > 0 || last < buckets.Count - 1))
        {
            var merged = new long[LatencyHistogram.BinCount];
            double fastest = double.PositiveInfinity, slowest = 0;
            for (var i = first; i <= last; i++)
            {
                LatencyHistogram.AddTo(merged, buckets[i].Latency);
                if (buckets[i].Successes > 0)
                {
                    fastest = Math.Min(fastest, buckets[i].FastestMs);
                    slowest = Math.Max(slowest, buckets[i].SlowestMs);
                }
            }

            var to = context.Probes.BucketEnd(buckets[last].Index);
            text += $" It was worst {FeedbackText.During(context.Probes.BucketStart(buckets[first].Index), to < context.Now ? to : context.Now)}"
                + $" (p95 {FeedbackText.Ms(LatencyHistogram.Quantile(merged, 0.95, fastest, slowest))}).";
        }

        return new Judgement(
            score,
            text + $" Keep the model loaded in memory, do per-call work once at startup, and size the server for {plan.RowsPerProbe} rows a call.");
    }
}
