using PPipe.Grains.Enrollments.Policies;
using PPipe.Scenarios.Timeline;

namespace PPipe.Grains.Assessment;

/// <summary>
/// Punctuality: the share of batches due by now that were submitted on time. A batch submitted only late counts
/// half; one with no submission counts nothing (until late work arrives, where the late policy still takes it). Due
/// times and how long late work is taken are the student's own (<see cref="GradingInput.Window"/>: the cohort's late
/// policy and the student's extension), or the scenario's when the input has no window.
/// </summary>
internal static class PunctualityCriterion
{
    private const double LateCredit = 0.5;

    public static Judgement Judge(GradingContext context)
    {
        var batches = context.Schedule.Batches;
        if (batches.Count == 0)
        {
            return Judgement.NotYet("This scenario has no batches.");
        }

        var window = context.Input.Window;
        double credit = 0;
        var due = 0;
        var late = new List<int>();
        var missing = new List<int>();
        var stillOpen = new List<(int Seq, TimeSpan Until)>();
        foreach (var batch in batches)
        {
            if (DueAt(window, batch) > context.Now)
            {
                continue;
            }

            due++;
            var outcome = context.Outcome(batch.Seq);
            if (outcome?.LastOnTimeAt is not null)
            {
                credit += 1;
            }
            else if (outcome?.LastLateAt is not null)
            {
                credit += LateCredit;
                late.Add(batch.Seq);
            }
            else
            {
                missing.Add(batch.Seq);
                var closes = window?.ClosesAt(batch) ?? batch.LateUntil;
                if (closes > context.Now)
                {
                    stillOpen.Add((batch.Seq, closes));
                }
            }
        }

        if (due == 0)
        {
            return Judgement.NotYet($"Nothing to judge yet: batch 1 is due on day {FeedbackText.Day(DueAt(window, batches[0]))}.");
        }

        if (late.Count == 0 && missing.Count == 0)
        {
            return new Judgement(1, due == 1 ? "The one batch due so far was submitted on time." : $"All {due} batches due so far were submitted on time.");
        }

        var problems = new List<string>();
        if (late.Count > 0)
        {
            problems.Add($"{FeedbackText.Numbered("batch", "batches", late)} {(late.Count == 1 ? "was" : "were")} submitted late");
        }

        if (missing.Count > 0)
        {
            problems.Add($"{FeedbackText.Numbered("batch", "batches", missing)} {(missing.Count == 1 ? "has" : "have")} no submission");
        }

        var sentence = FeedbackText.Join(problems);
        var text = char.ToUpperInvariant(sentence[0]) + sentence[1..] + ".";
        if (stillOpen.Count > 0)
        {
            var (seq, until) = stillOpen[^1];
            text += $" Batch {seq} is still taken late for another {FeedbackText.Span(until - context.Now)}.";
        }

        text += " Submit each batch before it is due: automate the submission as soon as a batch opens.";
        return new Judgement(credit / due, text);
    }

    /// <summary>When the student's on-time work for <paramref name="batch"/> stops: with their extension, or the scenario's due time.</summary>
    private static TimeSpan DueAt(SubmissionWindow? window, ScheduledBatch batch) => window?.DueAt(batch) ?? batch.DueAt;
}
