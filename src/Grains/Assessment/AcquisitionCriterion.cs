using PPipe.Grains.Interfaces.Enrollments;
using PPipe.Scenarios;

namespace PPipe.Grains.Assessment;

/// <summary>
/// Acquisition: for each release available by now, how soon after it appeared it was first fetched. Full credit
/// within a grace of a quarter of the release cadence, then falling linearly to none at twice the cadence. A
/// release not fetched yet is judged once its grace has passed, as late as it is so far.
/// </summary>
internal static class AcquisitionCriterion
{
    public static Judgement Judge(GradingContext context)
    {
        var cadence = context.Scenario.Releases.Cadence;
        var grace = cadence / 4;
        var firstFetch = new Dictionary<int, FetchRecord>();
        foreach (var fetch in context.Input.Fetches)
        {
            if (!firstFetch.TryGetValue(fetch.Seq, out var known) || fetch.At < known.At)
            {
                firstFetch[fetch.Seq] = fetch;
            }
        }

        double credit = 0;
        var judged = 0;
        var notFetched = new List<(int Seq, Channel Channel)>();
        var late = new List<(int Seq, TimeSpan Delay)>();
        foreach (var release in context.Schedule.Releases)
        {
            if (release.AvailableAt > context.Now)
            {
                continue;
            }

            if (firstFetch.TryGetValue(release.Seq, out var fetch))
            {
                var delay = context.Elapsed(fetch.At) - release.AvailableAt;
                var share = Credit(delay, grace, cadence);
                credit += share;
                judged++;
                if (share < 1)
                {
                    late.Add((release.Seq, delay));
                }
            }
            else if (context.Now - release.AvailableAt >= grace)
            {
                credit += Credit(context.Now - release.AvailableAt, grace, cadence);
                judged++;
                notFetched.Add((release.Seq, release.Channel));
            }
        }

        if (judged == 0)
        {
            return Judgement.NotYet(context.Schedule.Releases.Count > 0 && context.Schedule.Releases.Min(r => r.AvailableAt) > context.Now
                ? $"Nothing to judge yet: the first release appears on day {FeedbackText.Day(context.Schedule.Releases.Min(r => r.AvailableAt))}."
                : $"Nothing to judge yet: fetch each release within {FeedbackText.Span(grace)} of its appearance.");
        }

        if (notFetched.Count == 0 && late.Count == 0)
        {
            return new Judgement(1, judged == 1
                ? $"The one release so far was fetched within {FeedbackText.Span(grace)} of appearing."
                : $"All {judged} releases so far were fetched within {FeedbackText.Span(grace)} of appearing.");
        }

        var problems = new List<string>();
        foreach (var group in notFetched.GroupBy(r => r.Channel))
        {
            var seqs = group.Select(r => r.Seq).ToList();
            problems.Add($"{FeedbackText.Numbered("release", "releases", seqs)} ({ScenarioNames.Of(group.Key)}) {(seqs.Count == 1 ? "was" : "were")} never fetched");
        }

        if (late.Count == 1)
        {
            problems.Add($"release {late[0].Seq} was fetched {FeedbackText.Span(late[0].Delay)} after it appeared");
        }
        else if (late.Count > 1)
        {
            problems.Add($"{FeedbackText.Numbered("release", "releases", [.. late.Select(r => r.Seq)])} were fetched late, up to {FeedbackText.Span(late.Max(r => r.Delay))} after they appeared");
        }

        var channels = context.Scenario.Releases.Rotation.Distinct().Select(ScenarioNames.Of).ToList();
        var advice = channels.Count > 1
            ? $"Fetch each release within {FeedbackText.Span(grace)} of its appearance, and watch every channel releases come through ({FeedbackText.Join(channels)})."
            : $"Fetch each release within {FeedbackText.Span(grace)} of its appearance.";
        var sentence = FeedbackText.Join(problems);
        return new Judgement(credit / judged, char.ToUpperInvariant(sentence[0]) + sentence[1..] + ". " + advice);
    }

    private static double Credit(TimeSpan delay, TimeSpan grace, TimeSpan cadence)
    {
        if (delay <= grace)
        {
            return 1;
        }

        var zeroAt = cadence * 2;
        return Math.Clamp((zeroAt - delay) / (zeroAt - grace), 0, 1);
    }
}
