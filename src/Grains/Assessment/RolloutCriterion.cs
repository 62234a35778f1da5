using PPipe.Grains.Client.Releases;
using PPipe.Grains.Rollouts;

namespace PPipe.Grains.Assessment;

/// <summary>
/// Rollout (opt-in): does the endpoint stay up and as good while its model changes. Each deploy (<see cref="RolloutLedger"/>)
/// is judged once its window is over, by <see cref="RolloutDeploy.Score"/>: zero failed probes in the window and no dip in
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

        var plan = RolloutPlan.For(context.Scenario)!;
        var ledger = context.Input.Rollouts;
        if (ledger is null || ledger.Count == 0)
        {
            return Judgement.NotYet($"No deploy seen yet, so rollouts cannot be judged: {HowToDeploy}; a change of version is a deploy.");
        }

        var judged = ledger.Deploys.Where(d => RolloutLedger.IsJudged(d, context.Now, plan)).ToList();
        var watched = ledger.Deploys.Where(d => !RolloutLedger.IsJudged(d, context.Now, plan)).ToList();
        var watching = watched.Count > 0 ? $"The deploy of {watched[^1].Version} is still being watched." : null;
        if (judged.Count == 0 && ledger.Folded == 0)
        {
            return Judgement.NotYet(watching ?? "No deploy has been judged yet.");
        }

        var scores = judged.Select(d => d.Score(context.Metric)).ToList();
        var clean = scores.Count(s => s >= 1) + ledger.FoldedClean;
        var count = judged.Count + ledger.Folded;
        var score = (scores.Sum() + ledger.FoldedScore) / count;
        var sentences = new List<string>
        {
            clean == count
                ? $"{FeedbackText.Count(count, "deploy", "deploys")} judged, every one without a failed probe or a dip in quality."
                : $"{clean} of {FeedbackText.Count(count, "deploy", "deploys")} judged went without a failed probe or a dip in quality.",
        };
        sentences.AddRange(judged.TakeLast(Named).Select(d => Sentence(d, context)));
        if (judged.Count > Named || ledger.Folded > 0)
        {
            sentences.Add($"{FeedbackText.Count(count - Math.Min(Named, judged.Count), "earlier deploy is", "earlier deploys are")} counted but not named.");
        }

        if (watching is not null)
        {
            sentences.Add(watching);
        }

        if (clean < count)
        {
            sentences.Add("Start the new version beside the old one and switch only once it answers (blue-green), keep the old one until the new one " +
                "has proved itself, and announce deploys with POST " + ApiRoutes.Deployments + ".");
        }

        return new Judgement(score, string.Join(" ", sentences));
    }

    /// <summary>"Deploy of v4 on day 12: 3 of 8 probes failed; quality 0.82 before, 0.61 after."</summary>
    private static string Sentence(RolloutDeploy deploy, GradingContext context)
    {
        var head = $"Deploy of {deploy.Version} on day {FeedbackText.Day(deploy.StartedAt)}{(deploy.Announced ? " (announced)" : "")}: ";
        var probes = deploy.Failed == 0
            ? $"all {FeedbackText.Count(deploy.Probes, "probe", "probes")} answered"
            : $"{deploy.Failed} of {FeedbackText.Count(deploy.Probes, "probe", "probes")} failed";
        var before = deploy.Before.Quality(context.Metric);
        var after = deploy.After.Quality(context.Metric);
        var quality = after is not { } a
            ? deploy.SeenAt is null && deploy.Announced && context.Input.Rollouts?.Serving is not null
                ? $"; {deploy.Version} never answered in its window"
                : "; none of its answers could be scored"
            : before is not { } b ? $"; quality {FeedbackText.Quality(a)} (nothing before to compare with)"
            : b - a > RolloutDeploy.DipTolerance ? $"; quality dipped from {FeedbackText.Quality(b)} to {FeedbackText.Quality(a)}"
            : $"; quality held ({FeedbackText.Quality(b)} before, {FeedbackText.Quality(a)} after)";
        return head + probes + quality + ".";
    }
}
