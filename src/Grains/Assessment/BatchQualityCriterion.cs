namespace PPipe.Grains.Assessment;

/// <summary>
/// Batch quality: the mean quality of the batches judged so far (<see cref="GradingContext.JudgedBatches"/>):
/// where each lies between the never-retrained model (0) and the true concept (1), after any late penalty; a batch
/// that closed without a submission counts 0.
/// </summary>
internal static class BatchQualityCriterion
{
    private const int WeakestShown = 3;

    /// <summary>Batches below this quality are named in the feedback.</summary>
    private const double Weak = 0.7;

    public static Judgement Judge(GradingContext context)
    {
        var batches = context.Schedule.Batches;
        if (batches.Count == 0)
        {
            return Judgement.NotYet("This scenario has no batches.");
        }

        var judged = context.JudgedBatches;
        if (judged.Count == 0)
        {
            return Judgement.NotYet($"Nothing to judge yet: batch 1 is judged when its labels are revealed on day {FeedbackText.Day(batches[0].LabelsAt)}.");
        }

        var score = judged.Average(b => b.Quality);
        var summary = $"Mean quality {FeedbackText.Quality(score)} over {FeedbackText.Count(judged.Count, "batch", "batches")} {BaselineText.Scale(context.Scenario)}";
        var weakest = judged.Where(b => b.Quality < Weak).OrderBy(b => b.Quality).ThenBy(b => b.Batch.Seq).Take(WeakestShown).ToList();
        if (weakest.Count == 0)
        {
            return new Judgement(score, summary + $": close to {BaselineText.Best(context.Scenario)} throughout.");
        }

        var metric = FeedbackText.MetricName(context.Metric);
        var described = weakest.Select(b => Describe(b, metric)).ToList();
        return new Judgement(
            score,
            $"{summary}. Weakest: {string.Join("; ", described)}. Retrain on the newest releases before each batch and check your validation {metric} against these baselines.");
    }

    private static string Describe(JudgedBatch judged, string metric)
    {
        var seq = judged.Batch.Seq;
        if (judged.Outcome is not { Score: { } score } outcome)
        {
            return $"batch {seq} had no submission";
        }

        var baselines = outcome switch
        {
            { Stale: { } stale, Oracle: { } oracle } when stale != oracle =>
                $" where the stale model scores {FeedbackText.Value(stale)} and the oracle {FeedbackText.Value(oracle)}",
            { Oracle: { } oracle } => $" where the oracle scores {FeedbackText.Value(oracle)}",
            _ => "",
        };
        var late = outcome.CountedLate && outcome.Penalty > 0 ? $" (late: {FeedbackText.Percent(outcome.Penalty)} off)" : "";
        return $"batch {seq} scored {metric} {FeedbackText.Value(score)}{baselines}{late}";
    }
}
