using System.Runtime.CompilerServices;
using System.Text;
using PPipe.Grains.Interfaces.Assessment;
using PPipe.Scenarios;
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

    /// <summary>Each scenario's changes that make a never-retrained model wrong, in time order, worked out once per scenario version.</summary>
    private static readonly ConditionalWeakTable<Scenario, DriftEvent[]> Changes = [];

    public static Judgement Judge(GradingContext context)
    {
        var lineage = context.Input.Lineage ?? NoLineage;
        var changes = Changes.GetValue(context.Scenario, RetrainingChanges);
        if (changes.Length == 0)
        {
            return Judgement.NotYet("This scenario's drift changes what the inputs look like, not what they mean: there is no retraining to judge.");
        }

        // The feedback is written into the thread's feedback buffer as the changes are judged: a grade is computed at every
        // progress push, and the evidence is read in place (one pass over batches and buckets per change).
        var evidence = new Evidence(context);
        var text = FeedbackBuffer.Rent();
        double credits = 0;
        int judged = 0, uncredited = 0;
        for (var i = 0; i < changes.Length; i++)
        {
            if (JudgedWindow(context, lineage, changes, i) is not ({ } first, var until))
            {
                continue;
            }

            judged++;
            var change = changes[i];
            var retrained = Retrained(lineage, change.At, until, first.Seq);
            if (retrained is null)
            {
                uncredited++;
                AppendName(text.Sentence().Append("After "), change)
                    .Append($" no new model version claimed training through release {first.Seq} or later, the first with data from after it.");
                continue;
            }

            AppendName(text.Sentence().Append("After "), change)
                .Append($" you switched to version {retrained.Version}, trained through release {retrained.TrainedThrough}, on day {FeedbackText.Day(retrained.FirstSeen)}");
            credits += ClaimCredit + (1 - ClaimCredit) * AppendShown(text, evidence, change.At, retrained.FirstSeen, until);
        }

        if (judged == 0)
        {
            text.Clear();
            if (lineage.Seen == 0)
            {
                text.Append($"Nothing to judge yet. No answer or submission of yours has named a model: {HowToName}.");
            }
            else
            {
                text.Append("Nothing to judge yet: lineage is judged once the world has changed and a retrained model has had time to show.");
                AppendFlags(text, lineage);
            }

            return Judgement.NotYet(FeedbackBuffer.Finish(text));
        }

        if (lineage.Seen == 0)
        {
            text.Clear().Append("No answer or submission of yours named a model, so retraining after ");
            AppendJudgedNames(text, context, lineage, changes, judged);
            return new Judgement(0, FeedbackBuffer.Finish(text.Append($" cannot be credited: {HowToName}.")));
        }

        AppendFlags(text, lineage);
        var honest = 1 - lineage.Flagged / (double)lineage.Seen;
        if (lineage.Flagged > 0)
        {
            text.Sentence().Append($"Flagged versions ({lineage.Flagged} of {lineage.Seen}) cost {FeedbackText.Percent(1 - honest)} of this score: claim only releases you had fetched, and give each model its own version.");
        }

        if (uncredited > 0)
        {
            text.Sentence().Append("Retrain on the releases with data from after a change as soon as they appear, and name the new model with a new version and its trainedThrough.");
        }

        // The mean of the credits as Enumerable.Average takes it: summed in order, divided by their number.
        return new Judgement(credits / judged * honest, FeedbackBuffer.Finish(text));
    }

    private static DriftEvent[] RetrainingChanges(Scenario scenario) =>
        [.. scenario.Drift.Where(d => d.CallsForRetraining).OrderBy(d => d.At)];

    /// <summary>
    /// Change <paramref name="i"/>'s first release after it and the end of the time its retraining is judged over (the
    /// next change, or now), when it is judged now; a change before the lineage's start, or without a release after it,
    /// or whose release has not had time to show, is not.
    /// </summary>
    private static (ScheduledRelease? First, TimeSpan Until) JudgedWindow(GradingContext context, ModelLineage lineage, DriftEvent[] changes, int i)
    {
        var change = changes[i];
        if (change.At < lineage.From || FirstReleaseAfter(context.Schedule, change.At) is not { } first)
        {
            return (null, default);
        }

        var judgedFrom = first.AvailableAt + 2 * context.LongestCadence;
        if (judgedFrom > context.Now && context.Now < context.Scenario.Duration)
        {
            return (null, default);
        }

        return (first, i + 1 < changes.Length && changes[i + 1].At < context.Now ? changes[i + 1].At : context.Now);
    }

    /// <summary>The version first seen earliest after <paramref name="change"/> and before <paramref name="until"/>, never flagged, that claims training through <paramref name="firstSeq"/> or later.</summary>
    private static ModelVersionEntry? Retrained(ModelLineage lineage, TimeSpan change, TimeSpan until, int firstSeq)
    {
        ModelVersionEntry? earliest = null;
        foreach (var v in lineage.Versions)
        {
            if (!v.IsFlagged && v.FirstSeen > change && v.FirstSeen < until && v.TrainedThrough >= firstSeq
                && (earliest is null || v.FirstSeen < earliest.FirstSeen))
            {
                earliest = v;
            }
        }

        return earliest;
    }

    /// <summary>The first release whose rows (the cadence-long window ending <c>lag</c> before it is due) include some from after <paramref name="at"/>.</summary>
    private static ScheduledRelease? FirstReleaseAfter(ScenarioSchedule schedule, TimeSpan at)
    {
        var lag = schedule.Scenario.Releases.Lag;
        foreach (var release in schedule.Releases)
        {
            if (release.Due - lag > at)
            {
                return release;
            }
        }

        return null;
    }

    /// <summary>
    /// Appends how far the quality after <paramref name="from"/> (to <paramref name="until"/>) shows a retraining, beside the
    /// quality since <paramref name="change"/>, and returns that share.
    /// </summary>
    private static double AppendShown(StringBuilder text, Evidence evidence, TimeSpan change, TimeSpan from, TimeSpan until)
    {
        var (batchBefore, batchAfter) = evidence.BatchQuality(change, from, until);
        // The probes are read only when the batches do not show both sides (batches come first), as they rarely need be.
        var (probeBefore, probeAfter) = batchBefore is not null && batchAfter is not null ? (null, null) : evidence.ProbeQuality(change, from, until);
        var (kind, before, after) = batchBefore is not null && batchAfter is not null ? ("batch", batchBefore, batchAfter)
            : probeBefore is not null && probeAfter is not null ? ("endpoint", probeBefore, probeAfter)
            : batchAfter is not null ? ("batch", null, batchAfter)
            : ("endpoint", null, probeAfter);
        if (after is not { } a)
        {
            text.Append(", but nothing answered since has been scored yet.");
            return 0;
        }

        if (before is not { } b)
        {
            text.Append($"; nothing was answered between the change and it to compare with, and its {kind} quality is {FeedbackText.Quality(a)}.");
            return Math.Clamp(a / Recovered, 0, 1);
        }

        if (a > b)
        {
            text.Append($", and {kind} quality rose from {FeedbackText.Quality(b)} to {FeedbackText.Quality(a)}.");
            return Math.Clamp((a - b) / FullRise, 0, 1);
        }

        text.Append($", but {kind} quality did not rise ({FeedbackText.Quality(b)} before it, {FeedbackText.Quality(a)} after): check that the retrained model is the one answering.");
        return 0;
    }

    /// <summary>The changes judged, joined as <see cref="FeedbackText.Join"/> joins them ("a", "a and b", "a, b and c").</summary>
    private static void AppendJudgedNames(StringBuilder text, GradingContext context, ModelLineage lineage, DriftEvent[] changes, int judged)
    {
        var named = 0;
        for (var i = 0; i < changes.Length; i++)
        {
            if (JudgedWindow(context, lineage, changes, i).First is not null)
            {
                named++;
                text.Append(named == 1 ? "" : named == judged ? " and " : ", ");
                AppendName(text, changes[i]);
            }
        }
    }

    /// <summary>A sentence for each flag of the first <see cref="FlagsNamed"/> flagged versions, and one counting the rest.</summary>
    private static void AppendFlags(StringBuilder text, ModelLineage lineage)
    {
        var flagged = 0;
        foreach (var version in lineage.Versions)
        {
            if (!version.IsFlagged || ++flagged > FlagsNamed)
            {
                continue;
            }

            var day = FeedbackText.Day(version.FirstSeen);
            foreach (var flag in version.Flags)
            {
                text.Sentence().Append(flag switch
                {
                    ModelFlag.UnreleasedData => $"Version {version.Version} claims training through release {version.TrainedThrough}, which had not been released when it was first seen (day {day}).",
                    ModelFlag.UnfetchedData => $"Version {version.Version} claims training through release {version.TrainedThrough}, but you had fetched {FeedbackText.Counted(version.FetchedWhenFirstSeen, "release", "releases")} when it was first seen (day {day}).",
                    _ => $"Version {version.Version} was reused for a different model (another trainedThrough or digest).",
                });
            }
        }

        var unnamed = flagged - FlagsNamed + lineage.FoldedFlagged;
        if (unnamed > 0)
        {
            text.Sentence().Append($"{FeedbackText.Counted(unnamed, "more version was", "more versions were")} flagged.");
        }
    }

    /// <summary>"the concept change on day 12", "the change in the vibration readings on day 9".</summary>
    private static StringBuilder AppendName(StringBuilder text, DriftEvent change) => change is Recalibration recalibration
        ? text.Append($"the change in the {recalibration.Feature} readings on day {FeedbackText.Day(change.At)}")
        : text.Append($"the concept change on day {FeedbackText.Day(change.At)}");

    /// <summary>
    /// The quality evidence lineage weighs, read in place from the grading context (nothing copied): scored batches by
    /// the time of the submission that counted, and probe buckets with scored rows. Each read takes the time before a
    /// version (from the change to its first sighting) and after it (to the next change) in one pass.
    /// </summary>
    private readonly struct Evidence(GradingContext context)
    {
        /// <summary>The mean quality of the batches submitted in [change, from) and in [from, until); null without any.</summary>
        public (double? Before, double? After) BatchQuality(TimeSpan change, TimeSpan from, TimeSpan until)
        {
            double beforeSum = 0, afterSum = 0;
            int beforeCount = 0, afterCount = 0;
            var batches = context.JudgedBatches;
            for (var i = 0; i < batches.Count; i++)
            {
                if (batches[i] is { Missing: false, Outcome: { } outcome } judged
                    && (outcome.CountedLate ? outcome.LastLateAt : outcome.LastOnTimeAt) is { } submitted)
                {
                    var at = context.Elapsed(submitted);
                    if (at >= change && at < from)
                    {
                        beforeSum += judged.Quality;
                        beforeCount++;
                    }
                    else if (at >= from && at < until)
                    {
                        afterSum += judged.Quality;
                        afterCount++;
                    }
                }
            }

            return (beforeCount > 0 ? beforeSum / beforeCount : null, afterCount > 0 ? afterSum / afterCount : null);
        }

        /// <summary>The row-weighted quality of the probe buckets wholly in [change, from) and wholly in [from, until); null without any.</summary>
        public (double? Before, double? After) ProbeQuality(TimeSpan change, TimeSpan from, TimeSpan until)
        {
            var probes = context.Probes;
            double beforeSum = 0, afterSum = 0;
            long beforeRows = 0, afterRows = 0;
            var buckets = probes.Buckets;
            for (var i = 0; i < buckets.Count; i++)
            {
                // The bucket's start once, its end from it: the same instants as BucketStart and BucketEnd, without two
                // more multiplications of a TimeSpan for every bucket and window. The qualities are the context's, worked
                // out once per grade.
                var bucket = buckets[i];
                var start = probes.BucketStart(bucket.Index);
                var end = start + probes.BucketWidth;
                if (start >= change && end <= from && context.BucketQuality(i) is { } before)
                {
                    beforeSum += before * bucket.Rows;
                    beforeRows += bucket.Rows;
                }
                else if (start >= from && end <= until && context.BucketQuality(i) is { } after)
                {
                    afterSum += after * bucket.Rows;
                    afterRows += bucket.Rows;
                }
            }

            return (beforeRows > 0 ? beforeSum / beforeRows : null, afterRows > 0 ? afterSum / afterRows : null);
        }
    }
}
