using PPipe.Scenarios.Assessment;
using PPipe.Scenarios.Events;

namespace PPipe.Grains.Assessment;

/// <summary>
/// Adaptation: for each change that makes a never-retrained model wrong (a concept drift or a sensor
/// recalibration), how much of the quality the change cost the student came back once new data could be used, in the
/// change's <see cref="AdaptationWindow"/>: it opens once a release with labelled rows from after the change can have
/// arrived and been trained on, and lasts two cadences (of releases, batches or probe buckets, whichever is longest),
/// while the change still holds; a change over before its window opens is not judged. Before it, from the change
/// (or from the end of a gradual one) to the window's opening, is the exposure: what the student's model made of the
/// changed world before anyone could retrain. Each period's quality is the mean quality of its batches averaged with
/// the row-weighted quality of its probes. The change's score is half the quality in the recovery window and half the
/// share of the exposure's loss (1 − exposure quality) won back in it: a student who fell and recovered scores above
/// one the change merely hurt less and who never improved, since only a retrained model gains between the two periods.
/// No evidence in the exposure counts as the stale model's quality, 0. The criterion is the mean over the changes
/// judged so far; changes are named only once their window has opened.
/// </summary>
internal static class AdaptationCriterion
{
    /// <summary>Score at which a student counts as recovered.</summary>
    private const double Recovered = 0.7;

    /// <summary>An exposure this close to 1 lost nothing: full credit for recovery while the window stays there, none once it
    /// falls (an exposure judged on rows the change had not yet reached must not pass for a model that withstood it).</summary>
    private const double NothingLost = 1e-9;

    public static Judgement Judge(GradingContext context)
    {
        if (!context.Scenario.Drift.Any(d => d.CallsForRetraining))
        {
            return Judgement.NotYet("This scenario's drift changes what the inputs look like, not what they mean: there is no adaptation to judge.");
        }

        var windows = AdaptationWindow.Of(context.Scenario, context.LongestCadence).ToList();
        if (windows.Count == 0)
        {
            return Judgement.NotYet("Every change of this scenario's concept is over before data from after it can arrive: there is no adaptation to judge.");
        }

        var firstRelease = context.Scenario.Releases.Lag + context.Scenario.Releases.Cadence;
        var scores = new List<double>();
        var sentences = new List<string>();
        foreach (var window in windows)
        {
            if (window.Opens > context.Now)
            {
                continue;
            }

            var upTo = window.Closes < context.Now ? window.Closes : context.Now;
            var points = Evidence(context, window.Change.At, upTo);
            if (QualityOf(points, window.Opens, upTo) is not { } late)
            {
                continue;
            }

            var exposed = QualityOf(points, window.Settled, window.Opens - TimeSpan.FromTicks(1));
            var lost = 1 - (exposed ?? 0);
            var regained = lost <= NothingLost ? (late >= 1 - NothingLost ? 1 : 0) : Math.Clamp((late - (exposed ?? 0)) / lost, 0, 1);
            var score = (late + regained) / 2;
            scores.Add(score);
            sentences.Add(Describe(window.Change, points, window.Opens, exposed, late, regained, score, upTo, window.Change.At + firstRelease));
        }

        if (scores.Count == 0)
        {
            return Judgement.NotYet("Nothing to judge yet: adaptation is judged once the world has changed and new data has had time to arrive.");
        }

        return new Judgement(scores.Average(), string.Join(" ", sentences));
    }

    /// <summary>The mean batch quality averaged with the row-weighted probe quality of the points in [from, to]; null without any.</summary>
    private static double? QualityOf(List<(TimeSpan At, double Quality, long Rows)> points, TimeSpan from, TimeSpan to)
    {
        double batchSum = 0, probeSum = 0;
        long batchCount = 0, probeRows = 0;
        foreach (var point in points)
        {
            if (point.At < from || point.At > to)
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

        return batchCount > 0 && probeRows > 0 ? (batchSum / batchCount + probeSum / probeRows) / 2
            : batchCount > 0 ? batchSum / batchCount
            : probeRows > 0 ? probeSum / probeRows
            : null;
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

        var buckets = context.Probes.Buckets;
        for (var i = 0; i < buckets.Count; i++)
        {
            var bucket = buckets[i];
            var start = context.Probes.BucketStart(bucket.Index);
            if (start >= from && start <= upTo && context.BucketQuality(i) is { } quality)
            {
                points.Add((start + context.Probes.BucketWidth / 2, quality, bucket.Rows));
            }
        }

        points.Sort((a, b) => a.At.CompareTo(b.At));
        return points;
    }

    private static string Describe(DriftEvent change, List<(TimeSpan At, double Quality, long Rows)> points, TimeSpan opens, double? exposed,
        double late, double regained, double score, TimeSpan upTo, TimeSpan firstRelease)
    {
        var day = FeedbackText.Day(change.At);
        var name = change is Recalibration recalibration
            ? $"the change in the {recalibration.Feature} readings on day {day}"
            : $"the concept change on day {day}";
        var before = exposed is { } quality
            ? $"your quality was {FeedbackText.Quality(quality)} until data from after it could arrive"
            : "nothing of yours was judged until data from after it could arrive (counted as the stale model's 0.00)";
        var won = regained <= 0 ? "none" : FeedbackText.Percent(regained);
        if (score >= Recovered)
        {
            var back = points.FindIndex(p => p.At >= opens && p.Quality >= Recovered) is var i and >= 0 ? points[i].At : upTo;
            return $"After {name} {before} and recovered to {FeedbackText.Quality(late)} within {FeedbackText.Span(back - change.At)}: "
                + $"you won back {won} of what the change cost.";
        }

        return $"After {name} {before} and was {FeedbackText.Quality(late)} by day {FeedbackText.Day(upTo - TimeSpan.FromTicks(1))}: "
            + $"you won back {won} of what the change cost. Retrain on the releases with data from after the change as soon as they appear "
            + $"(from day {FeedbackText.Day(firstRelease)}), and redeploy your endpoint with the new model.";
    }
}
