using PPipe.Grains.Interfaces.Assessment;
using PPipe.Scenarios.Events;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Assessment;

/// <summary>
/// Lineage (opt-in): did the student retrain after the world changed, say so, and does it show. For each change that
/// makes a never-retrained model wrong (a concept drift or a sensor recalibration, as for <see cref="AdaptationCriterion"/>),
/// the <em>first release after it</em> is the first whose rows include some from after the change. The change earns
/// credit when a model version first seen after the change (and before the next one), and never flagged, claims training
/// through that release or a later one:
/// <list type="bullet">
/// <item><see cref="ClaimCredit"/> for the claim;</item>
/// <item>the rest as the quality of what was answered from that version's first sighting to the next change shows it:
/// all of it for a rise of <see cref="FullRise"/> or more over what was answered between the change and the version, on
/// the same evidence (batches, whose submission time says which model made them, when both sides have one; else probe
/// buckets wholly on either side); with nothing answered in between, reaching <see cref="Recovered"/> earns all of it.</item>
/// </list>
/// A change is judged once its first release after it has been available for two of the longest cadences (releases,
/// batches or probe buckets: time to fetch it, retrain, deploy and be scored), or the scenario has ended; before the first
/// is, the score is null and no change is named, so the grade never tells what is to come. The score is the mean over the
/// changes judged, times the share of versions never flagged (<see cref="ModelLineage"/>). After a reset, changes that
/// began before it are not judged.
/// </summary>
internal static class LineageCriterion
{
    public const double ClaimCredit = 0.5;

    /// <summary>A rise in quality (on the 0..1 <see cref="QualityScale"/>) that shows the retraining in full.</summary>
    public const double FullRise = 0.1;

    /// <summary>Quality at which a version with nothing before it to compare with shows the retraining in full.</summary>
    public const double Recovered = 0.7;

    /// <summary>Flagged versions named in feedback at most; the rest are counted.</summary>
    private const int FlagsNamed = 3;

    /// <summary>The lineage of a student whose answers and submissions never named a model; only read.</summary>
    private static readonly ModelLineage NoLineage = new();

    private const string HowToName = "name the model in every answer of your endpoint and every JSON submission " +
        "(\"model\": {\"version\": \"v4\", \"trainedThrough\": 12}, with an optional \"digest\"; with CSV submissions the headers " +
        "X-Model-Version and X-Model-Trained-Through), and give each retrained model a new version";

    public static Judgement Judge(GradingContext context)
    {
        var lineage = context.Input.Lineage ?? NoLineage;
        var changes = context.Scenario.Drift.Where(d => d is ConceptDrift or Recalibration).OrderBy(d => d.At).ToList();
        if (changes.Count == 0)
        {
            return Judgement.NotYet("This scenario's drift changes what the inputs look like, not what they mean: there is no retraining to judge.");
        }

        var evidence = new Evidence(context);
        var credits = new List<double>();
        var sentences = new List<string>();
        var judged = new List<string>();
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            if (change.At < lineage.From || FirstReleaseAfter(context.Schedule, change.At) is not { } first)
            {
                continue;
            }

            var judgedFrom = first.AvailableAt + 2 * context.LongestCadence;
            if (judgedFrom > context.Now && context.Now < context.Scenario.Duration)
            {
                continue;
            }

            var until = i + 1 < changes.Count && changes[i + 1].At < context.Now ? changes[i + 1].At : context.Now;
            var retrained = lineage.Versions
                .Where(v => !v.IsFlagged && v.FirstSeen > change.At && v.FirstSeen < until && v.TrainedThrough >= first.Seq)
                .MinBy(v => v.FirstSeen);
            judged.Add(Name(change));
            if (retrained is null)
            {
                credits.Add(0);
                sentences.Add($"After {Name(change)} no new model version claimed training through release {first.Seq} or later, the first with data from after it.");
                continue;
            }

            var shown = Shown(evidence, change.At, retrained.FirstSeen, until);
            credits.Add(ClaimCredit + (1 - ClaimCredit) * shown.Visible);
            sentences.Add($"After {Name(change)} you switched to version {retrained.Version}, trained through release {retrained.TrainedThrough}, " +
                $"on day {FeedbackText.Day(retrained.FirstSeen)}{shown.Text}");
        }

        var flagged = FlagSentences(lineage);
        if (credits.Count == 0)
        {
            return Judgement.NotYet(lineage.Seen == 0
                ? $"Nothing to judge yet. No answer or submission of yours has named a model: {HowToName}."
                : string.Join(" ", ["Nothing to judge yet: lineage is judged once the world has changed and a retrained model has had time to show.", .. flagged]));
        }

        if (lineage.Seen == 0)
        {
            return new Judgement(0, $"No answer or submission of yours named a model, so retraining after {FeedbackText.Join(judged)} cannot be credited: {HowToName}.");
        }

        var honest = 1 - lineage.Flagged / (double)lineage.Seen;
        if (lineage.Flagged > 0)
        {
            flagged.Add($"Flagged versions ({lineage.Flagged} of {lineage.Seen}) cost {FeedbackText.Percent(1 - honest)} of this score: claim only releases you had fetched, and give each model its own version.");
        }

        if (credits.Any(c => c == 0))
        {
            flagged.Add("Retrain on the releases with data from after a change as soon as they appear, and name the new model with a new version and its trainedThrough.");
        }

        return new Judgement(credits.Average() * honest, string.Join(" ", [.. sentences, .. flagged]));
    }

    /// <summary>The first release whose rows (the cadence-long window ending <c>lag</c> before it is due) include some from after <paramref name="at"/>.</summary>
    private static ScheduledRelease? FirstReleaseAfter(ScenarioSchedule schedule, TimeSpan at)
    {
        var lag = schedule.Scenario.Releases.Lag;
        return schedule.Releases.FirstOrDefault(r => r.Due - lag > at);
    }

    /// <summary>How far the quality after <paramref name="from"/> (to <paramref name="until"/>) shows a retraining, beside the quality since <paramref name="change"/>, and the words for it.</summary>
    private static (double Visible, string Text) Shown(Evidence evidence, TimeSpan change, TimeSpan from, TimeSpan until)
    {
        var batchBefore = evidence.BatchQuality(change, from);
        var batchAfter = evidence.BatchQuality(from, until);
        var probeBefore = evidence.ProbeQuality(change, from);
        var probeAfter = evidence.ProbeQuality(from, until);
        var (kind, before, after) = batchBefore is not null && batchAfter is not null ? ("batch", batchBefore, batchAfter)
            : probeBefore is not null && probeAfter is not null ? ("endpoint", probeBefore, probeAfter)
            : batchAfter is not null ? ("batch", null, batchAfter)
            : ("endpoint", null, probeAfter);
        if (after is not { } a)
        {
            return (0, ", but nothing answered since has been scored yet.");
        }

        if (before is not { } b)
        {
            return (Math.Clamp(a / Recovered, 0, 1), $"; nothing was answered between the change and it to compare with, and its {kind} quality is {FeedbackText.Quality(a)}.");
        }

        return a > b
            ? (Math.Clamp((a - b) / FullRise, 0, 1), $", and {kind} quality rose from {FeedbackText.Quality(b)} to {FeedbackText.Quality(a)}.")
            : (0, $", but {kind} quality did not rise ({FeedbackText.Quality(b)} before it, {FeedbackText.Quality(a)} after): check that the retrained model is the one answering.");
    }

    private static List<string> FlagSentences(ModelLineage lineage)
    {
        var sentences = new List<string>();
        var flagged = lineage.Versions.Where(v => v.IsFlagged).ToList();
        foreach (var version in flagged.Take(FlagsNamed))
        {
            var day = FeedbackText.Day(version.FirstSeen);
            foreach (var flag in version.Flags)
            {
                sentences.Add(flag switch
                {
                    ModelFlag.UnreleasedData => $"Version {version.Version} claims training through release {version.TrainedThrough}, which had not been released when it was first seen (day {day}).",
                    ModelFlag.UnfetchedData => $"Version {version.Version} claims training through release {version.TrainedThrough}, but you had fetched {FeedbackText.Count(version.FetchedWhenFirstSeen, "release", "releases")} when it was first seen (day {day}).",
                    _ => $"Version {version.Version} was reused for a different model (another trainedThrough or digest).",
                });
            }
        }

        var unnamed = flagged.Count - FlagsNamed + lineage.FoldedFlagged;
        if (unnamed > 0)
        {
            sentences.Add($"{FeedbackText.Count(unnamed, "more version was", "more versions were")} flagged.");
        }

        return sentences;
    }

    private static string Name(DriftEvent change) => change is Recalibration recalibration
        ? $"the change in the {recalibration.Feature} readings on day {FeedbackText.Day(change.At)}"
        : $"the concept change on day {FeedbackText.Day(change.At)}";

    /// <summary>
    /// The quality evidence lineage weighs, read in place from the grading context (nothing copied): scored batches by
    /// the time of the submission that counted, and probe buckets with scored rows.
    /// </summary>
    private readonly struct Evidence(GradingContext context)
    {
        /// <summary>The mean quality of the batches submitted in [from, to); null without any.</summary>
        public double? BatchQuality(TimeSpan from, TimeSpan to)
        {
            double sum = 0;
            var count = 0;
            var batches = context.JudgedBatches;
            for (var i = 0; i < batches.Count; i++)
            {
                if (batches[i] is { Missing: false, Outcome: { } outcome } judged
                    && (outcome.CountedLate ? outcome.LastLateAt : outcome.LastOnTimeAt) is { } submitted
                    && context.Elapsed(submitted) is var at && at >= from && at < to)
                {
                    sum += judged.Quality;
                    count++;
                }
            }

            return count > 0 ? sum / count : null;
        }

        /// <summary>The row-weighted quality of the probe buckets wholly in [from, to); null without any.</summary>
        public double? ProbeQuality(TimeSpan from, TimeSpan to)
        {
            var probes = context.Probes;
            double sum = 0;
            long rows = 0;
            foreach (var bucket in probes.Buckets)
            {
                if (probes.BucketStart(bucket.Index) >= from && probes.BucketEnd(bucket.Index) <= to && context.QualityOf(bucket) is { } quality)
                {
                    sum += quality * bucket.Rows;
                    rows += bucket.Rows;
                }
            }

            return rows > 0 ? sum / rows : null;
        }
    }
}
