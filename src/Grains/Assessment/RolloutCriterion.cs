using System.Text;
using PPipe.Grains.Client.Releases;
using PPipe.Grains.Rollouts;

namespace PPipe.Grains.Assessment;

/// <summary>
/// Rollout (opt-in): does the endpoint stay up and as good while its model changes. Each deploy (<see cref="RolloutLedger"/>)
/// is judged once its window is over, by <see cref="RolloutDeploy.Score(PPipe.Scenarios.Metric)"/>: zero failed probes in the window and no dip in
/// quality is full credit. The score is the mean over the deploys judged (folded ones included); before any is judged the
/// score is null. The feedback names the newest deploys judged, one sentence each.
/// </summary>
internal static class RolloutCriterion
{
    /// <summary>Deploys named in feedback at most, the newest; the rest are counted.</summary>
    private const int Named = 5;

    private const string HowToDeploy = "name the model in every answer of your endpoint (\"model\": {\"version\": \"v4\", \"trainedThrough\": 12}) " +
        "or announce each deploy with POST " + ApiRoutes.Deployments;

    public static Judgement Judge(GradingContext context)
    {
        if (EndpointRequirement.Precondition(context) is { } verdict)
        {
            return verdict;
        }

        var ledger = context.Input.Rollouts;
        if (ledger is null || ledger.Count == 0)
        {
            return Judgement.NotYet($"No deploy seen yet, so rollouts cannot be judged: {HowToDeploy}; a change of version is a deploy.");
        }

        // One pass over the deploys kept (at most RolloutLedger.Capacity) for the counts, keeping each judged deploy's
        // qualities before and after (read as null again where its sums have no rows), and another for the newest judged ones named; the feedback is written
        // into the thread's feedback buffer, since a grade is computed at every progress push. A deploy is judged once the
        // scenario ends (RolloutPlan.Duration is its duration) or its window does.
        var metric = context.Metric;
        var now = context.Now;
        var duration = context.Scenario.Duration;
        var deploys = ledger.Deploys;
        Span<double> qualities = deploys.Count <= RolloutLedger.Capacity ? stackalloc double[2 * deploys.Count] : new double[2 * deploys.Count];
        int judged = 0, clean = ledger.FoldedClean;
        var sum = ledger.FoldedScore;
        RolloutDeploy? watched = null;
        for (var i = 0; i < deploys.Count; i++)
        {
            var deploy = deploys[i];
            if (RolloutLedger.IsJudged(deploy, now, duration))
            {
                var before = deploy.Before.Quality(metric);
                var after = deploy.After.Quality(metric);
                qualities[2 * i] = before ?? 0;
                qualities[2 * i + 1] = after ?? 0;
                var score = deploy.Score(before, after);
                judged++;
                sum += score;
                clean += score >= 1 ? 1 : 0;
            }
            else
            {
                watched = deploy;
            }
        }

        if (judged == 0 && ledger.Folded == 0)
        {
            return Judgement.NotYet(watched is not null ? Watching(watched) : "No deploy has been judged yet.");
        }

        var count = judged + ledger.Folded;
        var text = FeedbackBuffer.Rent();
        if (clean == count)
        {
            text.Append($"{FeedbackText.Counted(count, "deploy", "deploys")} judged, every one without a failed probe or a dip in quality.");
        }
        else
        {
            text.Append($"{clean} of {FeedbackText.Counted(count, "deploy", "deploys")} judged went without a failed probe or a dip in quality.");
        }

        var skipped = judged - Math.Min(Named, judged);
        for (var i = 0; i < deploys.Count; i++)
        {
            if (RolloutLedger.IsJudged(deploys[i], now, duration) && skipped-- <= 0)
            {
                text.Append(' ');
                var deploy = deploys[i];
                AppendSentence(text, deploy, deploy.Before.Rows > 0 ? qualities[2 * i] : null, deploy.After.Rows > 0 ? qualities[2 * i + 1] : null, context);
            }
        }

        if (judged > Named || ledger.Folded > 0)
        {
            text.Append($" {FeedbackText.Counted(count - Math.Min(Named, judged), "earlier deploy is", "earlier deploys are")} counted but not named.");
        }

        if (watched is not null)
        {
            text.Append(' ').Append(Watching(watched));
        }

        if (clean < count)
        {
            text.Append(" Start the new version beside the old one and switch only once it answers (blue-green), keep the old one until the new one " +
                "has proved itself, and announce deploys with POST " + ApiRoutes.Deployments + ".");
        }

        return new Judgement(sum / count, FeedbackBuffer.Finish(text));
    }

    private static string Watching(RolloutDeploy deploy) => $"The deploy of {deploy.Version} is still being watched.";

    /// <summary>"Deploy of v4 on day 12: 3 of 8 probes failed; quality 0.82 before, 0.61 after."</summary>
    private static void AppendSentence(StringBuilder text, RolloutDeploy deploy, double? before, double? after, GradingContext context)
    {
        text.Append($"Deploy of {deploy.Version} on day {FeedbackText.Day(deploy.StartedAt)}{(deploy.Announced ? " (announced)" : "")}: ");
        if (deploy.Failed == 0)
        {
            text.Append($"all {FeedbackText.Counted(deploy.Probes, "probe", "probes")} answered");
        }
        else
        {
            text.Append($"{deploy.Failed} of {FeedbackText.Counted(deploy.Probes, "probe", "probes")} failed");
        }

        if (after is not { } a)
        {
            text.Append(deploy.SeenAt is null && deploy.Announced && context.Input.Rollouts?.Serving is not null
                ? $"; {deploy.Version} never answered in its window"
                : "; none of its answers could be scored");
        }
        else if (before is not { } b)
        {
            text.Append($"; quality {FeedbackText.Quality(a)} (nothing before to compare with)");
        }
        else if (b - a > RolloutDeploy.DipTolerance)
        {
            text.Append($"; quality dipped from {FeedbackText.Quality(b)} to {FeedbackText.Quality(a)}");
        }
        else
        {
            text.Append($"; quality held ({FeedbackText.Quality(b)} before, {FeedbackText.Quality(a)} after)");
        }

        text.Append('.');
    }
}
