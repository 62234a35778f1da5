using PPipe.Scenarios.Events;

namespace PPipe.Grains.Assessment;

/// <summary>
/// Adaptation: for each change that makes a never-retrained model wrong (a concept drift or a sensor
/// recalibration), the quality of batches and probes in a recovery window after it. The window opens once a
/// release with labelled rows from after the change can have arrived (release lag + one cadence: nobody can adapt
/// sooner) and been fetched and trained on (a quarter cadence, the acquisition grace), and lasts two cadences (of
/// releases, batches or probe buckets, whichever is longest). The change's score is the mean
/// quality of the batches in the window averaged with the row-weighted quality of the probes in it; the criterion
/// is the mean over the changes judged so far. A student who retrains on new releases scores near 1 there, one who
/// trained once near 0. Changes are named only once their window has opened.
/// </summary>
internal static class AdaptationCriterion
{
    /// <summary>Quality at which a student counts as recovered.</summary>
    private const double Recovered = 0.7;

    public static Judgement Judge(GradingContext context)
    {
        var changes = context.Scenario.Drift.Where(d => d is ConceptDrift or Recalibration).ToList();
        if (changes.Count == 0)
        {
            return Judgement.NotYet("This scenario's drift changes what the inputs look like, not what they mean: there is no adaptation to judge.");
        }

        var releases = context.Scenario.Releases;
        var grace = releases.Lag + releases.Cadence + releases.Cadence / 4;
        var longest = context.LongestCadence;

        var scores = new List<double>();
        var sentences = new List<string>();
        foreach (var change in changes)
        {
            var opens = change.At + grace;
            if (opens > context.Now)
            {
                continue;
            }

            var closes = opens + 2 * longest < context.Scenario.Duration ? opens + 2 * longest : context.Scenario.Duration;
            var upTo = closes < context.Now ? closes : context.Now;
            var points = Evidence(context, change.At, upTo);
            double batchSum = 0, probeSum = 0;
            long batchCount = 0, probeRows = 0;
            foreach (var point in points)
            {
                if (point.At < opens)
                {
                    continue;
                }

                if (point.Rows == 0)
                {
                    batchSum += point.Quality;
                    batchCount++;
                }
                else
                {
                    probeSum += point.Quality * point.Rows;
                    probeRows += point.Rows;
                }
            }

            if (batchCount == 0 && probeRows == 0)
            {
                continue;
            }

            var score = batchCount > 0 && probeRows > 0
                ? (batchSum / batchCount + probeSum / probeRows) / 2
                : batchCount > 0 ? batchSum / batchCount : probeSum / probeRows;
            scores.Add(score);
            sentences.Add(Describe(change, points, score, upTo, change.At + releases.Lag + releases.Cadence));
        }

        if (scores.Count == 0)
        {
            return Judgement.NotYet("Nothing to judge yet: adaptation is judged once the world has changed and new data has had time to arrive.");
        }

        return new Judgement(scores.Average(), string.Join(" ", sentences));
    }

    /// <summary>Batch (by due time, <c>Rows</c> 0) and probe-bucket (by midpoint) qualities in [from, upTo], in time order.</summary>
    private static List<(TimeSpan At, double Quality, long Rows)> Evidence(GradingContext context, TimeSpan from, TimeSpan upTo)
    {
        var points = new List<(TimeSpan At, double Quality, long Rows)>();
        foreach (var judged in context.JudgedBatches)
        {
            if (judged.Batch.DueAt >= from && judged.Batch.DueAt <= upTo)
            {
                points.Add((judged.Batch.DueAt, judged.Quality, 0));
            }
        }

        foreach (var bucket in context.Probes.Buckets)
        {
            var start = context.Probes.BucketStart(bucket.Index);
            if (start >= from && start <= upTo && context.QualityOf(bucket) is { } quality)
            {
                points.Add((start + context.Probes.BucketWidth / 2, quality, bucket.Rows));
            }
        }

        points.Sort((a, b) => a.At.CompareTo(b.At));
        return points;
    }

    private static string Describe(DriftEvent change, List<(TimeSpan At, double Quality, long Rows)> points, double score, TimeSpan upTo, TimeSpan firstRelease)
    {
        var day = FeedbackText.Day(change.At);
        var name = change is Recalibration recalibration
            ? $"the change in the {recalibration.Feature} readings on day {day}"
            : $"the concept change on day {day}";
        var fell = points.Min(p => p.Quality);
        if (fell >= Recovered)
        {
            return $"After {name} your quality held up ({FeedbackText.Quality(score)}).";
        }

        if (score >= Recovered)
        {
            var lowest = points.FindIndex(p => p.Quality == fell);
            var back = points.FindIndex(lowest, p => p.Quality >= Recovered) is var i and >= 0 ? points[i].At : upTo;
            return $"After {name} your quality fell to {FeedbackText.Quality(fell)} and recovered to {FeedbackText.Quality(score)} within {FeedbackText.Span(back - change.At)}.";
        }

        return $"After {name} your quality fell to {FeedbackText.Quality(fell)} and was {FeedbackText.Quality(score)} by day {FeedbackText.Day(upTo - TimeSpan.FromTicks(1))}: "
            + $"retrain on the releases with data from after the change as soon as they appear (from day {FeedbackText.Day(firstRelease)}), and redeploy your endpoint with the new model.";
    }
}
