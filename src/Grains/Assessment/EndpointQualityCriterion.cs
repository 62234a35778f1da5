namespace PPipe.Grains.Assessment;

/// <summary>
/// Endpoint quality: the quality of the successful probes' predictions on the <see cref="QualityScale"/>, per bucket
/// from its pooled mean losses (student, stale, oracle) and averaged weighted by rows. An endpoint that never
/// answered scores 0.
/// </summary>
internal static class EndpointQualityCriterion
{
    /// <summary>Stretches below this quality are named in the feedback.</summary>
    private const double Weak = 0.7;

    public static Judgement Judge(GradingContext context)
    {
        if (EndpointRequirement.Precondition(context) is { } verdict)
        {
            return verdict;
        }

        var buckets = context.Probes.Buckets;
        double weighted = 0;
        long rows = 0, successes = 0;
        // On the stack: a ledger holds at most ProbeLedger.MaxBuckets buckets.
        Span<double> excess = buckets.Count <= ProbeLedger.MaxBuckets ? stackalloc double[buckets.Count] : new double[buckets.Count];
        for (var i = 0; i < buckets.Count; i++)
        {
            successes += buckets[i].Successes;
            if (context.BucketQuality(i) is { } quality)
            {
                weighted += quality * buckets[i].Rows;
                rows += buckets[i].Rows;
                excess[i] = (Weak - quality) * buckets[i].Rows;
            }
        }

        if (rows == 0)
        {
            if (EndpointRequirement.Attempts(context.Probes) == 0)
            {
                return EndpointRequirement.WaitingForProbes();
            }

            return successes == 0
                ? new Judgement(0, "None of your endpoint's probes has succeeded, so none of its predictions could be scored: see endpointAvailability.")
                : Judgement.NotYet("None of your endpoint's answers has been scored yet.");
        }

        var score = weighted / rows;
        var summary = $"Quality {FeedbackText.Quality(score)} over {rows} probed rows {BaselineText.Scale(context.Scenario)}";
        if (score >= context.Scenario.Grading.Levels.Expert || Stretch.Worst(excess) is not (int first, int last))
        {
            return new Judgement(score, summary + $": your endpoint keeps up with {BaselineText.Best(context.Scenario)}.");
        }

        double runWeighted = 0;
        long runRows = 0;
        for (var i = first; i <= last; i++)
        {
            if (context.BucketQuality(i) is { } quality)
            {
                runWeighted += quality * buckets[i].Rows;
                runRows += buckets[i].Rows;
            }
        }

        var to = context.Probes.BucketEnd(buckets[last].Index);
        return new Judgement(
            score,
            $"{summary}. It was weakest {FeedbackText.During(context.Probes.BucketStart(buckets[first].Index), to < context.Now ? to : context.Now)}"
            + $" ({FeedbackText.Quality(runWeighted / runRows)}). Redeploy your endpoint with every retrained model, so it serves what your batches use.");
    }
}
