using System.Text;

namespace PPipe.Grains.Assessment;

/// <summary>
/// Reproducibility (opt-in): the same model version gives the same predictions for the same rows. Checked two ways
/// (<see cref="ReproducibilityRecord"/>): now and then a probe re-sends the rows of an earlier probe answered under the
/// version the endpoint still names, and a batch resubmitted under the version of its earlier submission is compared
/// with it; values must agree as <see cref="PredictionMatch"/> says. The score is the share of checks that matched, judged
/// from <see cref="MinChecks"/> checks on (or at the end of the scenario with any); before that it is null and the
/// feedback says how many were made. A student who never named a model cannot be checked: null until they have answered
/// a probe or submitted a batch, 0 from then on.
/// </summary>
internal static class ReproducibilityCriterion
{
    public const int MinChecks = 3;

    private const string HowToName = "name the model in every answer of your endpoint and every JSON submission " +
        "(\"model\": {\"version\": \"v4\", \"trainedThrough\": 12}; with CSV submissions the headers X-Model-Version and " +
        "X-Model-Trained-Through), and give each retrained model a new version";

    private const string HowChecked = "Now and then a probe re-sends rows your endpoint answered earlier under the version it " +
        "still names, and a batch resubmitted under the version of its earlier submission is compared with it: the same version " +
        "must give the same predictions.";

    public static Judgement Judge(GradingContext context)
    {
        var record = context.Input.Reproducibility;
        if (record is not { Checks: > 0 })
        {
            if (context.Input.Lineage is not { Seen: > 0 })
            {
                var answered = context.Probes.Buckets.Any(b => b.Successes > 0) || context.Input.Batches.Any(b => b.Submissions > 0);
                var text = $"Reproducibility cannot be checked without naming the model: {HowToName}.";
                return answered ? new Judgement(0, "No answer or submission of yours named a model. " + text) : Judgement.NotYet(text);
            }

            return Judgement.NotYet($"No check yet. {HowChecked}");
        }

        // Written into the thread's feedback buffer: a grade is computed at every progress push.
        var judged = record.Checks >= MinChecks || context.Now >= context.Scenario.Duration;
        var feedback = FeedbackBuffer.Rent();
        if (judged)
        {
            feedback.Append($"{record.Matches} of {FeedbackText.Counted(record.Checks, "check", "checks")} gave the same predictions: ");
        }
        else
        {
            feedback.Append($"Judged from {MinChecks} checks on; {FeedbackText.Counted(record.Checks, "check was", "checks were")} made so far: ");
        }

        AppendSummary(feedback, record);
        feedback.Append('.');
        AppendMismatches(feedback, record);
        if (!judged)
        {
            return Judgement.NotYet(FeedbackBuffer.Finish(feedback));
        }

        if (record.Matches < record.Checks)
        {
            feedback.Append(" Load the model once, fix every random seed, predict without sampling or dropout, and give every retrained " +
                "model a new version.");
        }

        return new Judgement(record.Matches / (double)record.Checks, FeedbackBuffer.Finish(feedback));
    }

    /// <summary>"2 of 3 probe replays matched and 0 of 1 resubmission matched".</summary>
    private static void AppendSummary(StringBuilder text, ReproducibilityRecord record)
    {
        if (record.ProbeChecks > 0)
        {
            text.Append($"{record.ProbeMatches} of {FeedbackText.Counted(record.ProbeChecks, "probe replay", "probe replays")} matched");
        }

        if (record.BatchChecks > 0)
        {
            text.Append(record.ProbeChecks > 0 ? " and " : "")
                .Append($"{record.BatchMatches} of {FeedbackText.Counted(record.BatchChecks, "resubmission", "resubmissions")} matched");
        }
    }

    private static void AppendMismatches(StringBuilder text, ReproducibilityRecord record)
    {
        foreach (var mismatch in record.FirstMismatches)
        {
            // Either text written in place: an interpolated string inside a conditional would be a string of its own.
            if (mismatch.Batch is { } batch)
            {
                text.Append($" Resubmission of batch {batch}");
            }
            else
            {
                text.Append(" Probe replay");
            }

            text.Append($" on day {FeedbackText.Day(mismatch.At)} under version {mismatch.Version}: {mismatch.Differing} of {mismatch.Compared} predictions differ.");
        }

        var more = record.Checks - record.Matches - record.FirstMismatches.Count;
        if (more > 0)
        {
            text.Append($" {FeedbackText.Counted(more, "more check", "more checks")} differed.");
        }
    }
}
