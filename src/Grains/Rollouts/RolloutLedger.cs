using PPipe.Grains.Interfaces.Probes;
using PPipe.Grains.Interfaces.Rollouts;

namespace PPipe.Grains.Rollouts;

/// <summary>
/// The deploys of a student's endpoint and what the probes saw around each. A deploy is a change of the model version the
/// answers name (the newest answer by wall time counts; an answer older than it changes nothing), or an announcement
/// (<see cref="Announce"/>) whose version then starts answering. Each deploy has a window of scenario time: from the
/// announcement, or else from the first probe that failed after the old version last answered (the downtime of a
/// redeploy belongs to it), to <see cref="RolloutPlan.Span"/> after the new version first answers (for an announcement not
/// seen yet, the expected time plus the span). Every probe whose last attempt falls in the window counts for it, failed or
/// not, and the new version's answers in it are its quality after; the newest <see cref="BaselineAnswers"/> answers before
/// it are its quality before. A new deploy closes the window of the one before. While a window is open, answers flipping
/// back to the version it replaced (two replicas during a switch) make no new deploy.
/// <para>
/// Around each deploy the platform probes more often: <see cref="RolloutPlan.Probes"/> extra probes after an announcement
/// and again once the new version answers, handed out by <see cref="TakeExtra"/> and coalesced like scheduled slots (a
/// late tick sends one for all those due). They count for the deploy's window, never for the probe buckets. A plan that
/// does not probe more (<see cref="RolloutPlan.ProbesMore"/>) plans none.
/// </para>
/// <para>
/// Bounded: at most <see cref="Capacity"/> deploys; beyond it the oldest (whose window is over) is folded into
/// <see cref="Folded"/> and <see cref="FoldedScore"/>, so the criterion's mean stays right.
/// </para>
/// </summary>
[GenerateSerializer, Alias("ppipe.RolloutLedger")]
internal sealed class RolloutLedger
{
    public const int Capacity = 32;

    /// <summary>The answers before a deploy its quality is compared with.</summary>
    public const int BaselineAnswers = 4;

    /// <summary>The deploys kept, oldest first.</summary>
    [Id(0)] public List<RolloutDeploy> Deploys { get; set; } = [];

    /// <summary>Deploys dropped to keep <see cref="Capacity"/>.</summary>
    [Id(1)] public int Folded { get; set; }

    /// <summary>The sum of the dropped deploys' scores.</summary>
    [Id(2)] public double FoldedScore { get; set; }

    /// <summary>Of the dropped deploys, those with full credit.</summary>
    [Id(3)] public int FoldedClean { get; set; }

    /// <summary>The version the newest answer named; null before any answer named one.</summary>
    [Id(4)] public string? Serving { get; set; }

    /// <summary>Wall time of the newest answer that named a version.</summary>
    [Id(5)] public DateTimeOffset ServingAt { get; set; }

    /// <summary>Probes failed since the last answer and in no deploy's window: the downtime of a deploy not seen yet.</summary>
    [Id(6)] public int Unattributed { get; set; }

    /// <summary>Scenario time of the first of <see cref="Unattributed"/>.</summary>
    [Id(7)] public TimeSpan? FailingSince { get; set; }

    /// <summary>The newest scored answers, one sum each, at most <see cref="BaselineAnswers"/>.</summary>
    [Id(8)] public List<LossSums> Baseline { get; set; } = [];

    /// <summary>Extra probes handed out so far: the next one's number.</summary>
    [Id(9)] public long ExtraSent { get; set; }

    /// <summary>Extra probes still to hand out, and when the next is due (scenario time).</summary>
    [Id(10)] public int ExtraLeft { get; set; }

    [Id(11)] public TimeSpan NextExtraAt { get; set; }

    /// <summary>Deploys seen so far, folded ones included: the next deploy's id less one.</summary>
    [Id(12)] public int Count { get; set; }

    public RolloutDeploy? Latest => Deploys.Count > 0 ? Deploys[^1] : null;

    /// <summary>When the next extra probe is due (scenario time); null when none is, or only after the scenario.</summary>
    public TimeSpan? ExtraProbeAt(RolloutPlan plan) => ExtraLeft > 0 && NextExtraAt < plan.Duration ? NextExtraAt : null;

    /// <summary>
    /// Follows an announced deploy from <paramref name="now"/> (scenario time) on. The latest deploy's version announced
    /// again is <see cref="DeployFilingStatus.Repeated"/> and changes nothing; the version the endpoint already answers with is refused.
    /// </summary>
    public DeployFiling Announce(DeployAnnouncement announcement, TimeSpan now, RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(announcement);
        ArgumentNullException.ThrowIfNull(plan);
        if (Latest is { } latest && string.Equals(latest.Version, announcement.Version, StringComparison.Ordinal))
        {
            return new DeployFiling(DeployFilingStatus.Repeated, Entry(latest, now, plan),
                $"Deploy {latest.Id} of {latest.Version} was announced or seen before; nothing changed.");
        }

        if (string.Equals(Serving, announcement.Version, StringComparison.Ordinal))
        {
            return new DeployFiling(DeployFilingStatus.AlreadyServing, null,
                $"Your endpoint already answers with {announcement.Version}: announce a new version before you switch to it.");
        }

        var deploy = Open(announcement.Version, true, announcement.Note, now, now + announcement.ExpectedWithin + plan.Span, null, plan);
        StartExtraProbes(now, plan);
        return new DeployFiling(DeployFilingStatus.Accepted, Entry(deploy, now, plan),
            $"Deploy {deploy.Id} of {deploy.Version} is followed: your endpoint is probed more often until {plan.Span.TotalHours:0.##} scenario hours after {deploy.Version} first answers.");
    }

    /// <summary>Follows one probe's last attempt, made at scenario time <paramref name="at"/>.</summary>
    public void Observe(ProbeResult last, TimeSpan at, RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(last);
        ArgumentNullException.ThrowIfNull(plan);
        var open = Latest is { } latest && latest.Contains(at) ? latest : null;
        if (!last.Ok)
        {
            if (open is not null)
            {
                open.Probes++;
                open.Failed++;
            }
            else if (Serving is not null)
            {
                Unattributed++;
                FailingSince ??= at;
            }

            return;
        }

        var version = last.Model?.Version;
        if (version is not null && last.At >= ServingAt)
        {
            var previous = Serving;
            Serving = version;
            ServingAt = last.At;
            if (!string.Equals(previous, version, StringComparison.Ordinal))
            {
                open = Switched(version, previous, at, open, plan) ?? open;
            }
        }

        Unattributed = 0;
        FailingSince = null;
        if (open is not null)
        {
            open.Probes++;
            if (string.Equals(version, open.Version, StringComparison.Ordinal) || (version is null && open.Announced && open.SeenAt is null))
            {
                open.After.Add(last.Quality);
            }
        }

        var answer = new LossSums();
        if (answer.Add(last.Quality))
        {
            Baseline.Add(answer);
            if (Baseline.Count > BaselineAnswers)
            {
                Baseline.RemoveAt(0);
            }
        }
    }

    /// <summary>The next extra probe's slot when one is due at <paramref name="elapsed"/> (one stands for all due), else null.</summary>
    public long? TakeExtra(TimeSpan elapsed, RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (ExtraLeft <= 0 || elapsed < NextExtraAt)
        {
            return null;
        }

        while (ExtraLeft > 0 && NextExtraAt <= elapsed)
        {
            ExtraLeft--;
            NextExtraAt += plan.Every;
        }

        return elapsed < plan.From || elapsed >= plan.Duration ? null : ProbeResult.RolloutSlot(ExtraSent++);
    }

    /// <summary>The deploys as shown and graded at scenario time <paramref name="now"/>.</summary>
    public DeployLog Log(TimeSpan now, RolloutPlan plan) => new([.. Deploys.Select(d => Entry(d, now, plan))], Folded);

    /// <summary>Whether <paramref name="deploy"/>'s window is over at <paramref name="now"/> (or the scenario is).</summary>
    public static bool IsJudged(RolloutDeploy deploy, TimeSpan now, RolloutPlan plan) => IsJudged(deploy, now, plan.Duration);

    /// <summary>Whether <paramref name="deploy"/>'s window is over at <paramref name="now"/> (or the scenario, of <paramref name="duration"/>, is).</summary>
    public static bool IsJudged(RolloutDeploy deploy, TimeSpan now, TimeSpan duration) => deploy.Until <= now || now >= duration;

    private static DeployEntry Entry(RolloutDeploy deploy, TimeSpan now, RolloutPlan plan)
    {
        var judged = IsJudged(deploy, now, plan);
        return new DeployEntry(deploy.Id, deploy.Version, deploy.Announced, deploy.Note, deploy.StartedAt, deploy.SeenAt, deploy.Until,
            deploy.Probes, deploy.Failed, deploy.Before.Quality(plan.Metric), deploy.After.Quality(plan.Metric), judged,
            judged ? deploy.Score(plan.Metric) : null);
    }

    /// <summary>The answers switched from <paramref name="previous"/> to <paramref name="version"/>: the deploy this is, if it is one.</summary>
    private RolloutDeploy? Switched(string version, string? previous, TimeSpan at, RolloutDeploy? open, RolloutPlan plan)
    {
        if (Latest is { SeenAt: null } announced && string.Equals(announced.Version, version, StringComparison.Ordinal))
        {
            if (!announced.Contains(at))
            {
                // The switch took longer than announced: its downtime is still the deploy's.
                announced.Probes += Unattributed;
                announced.Failed += Unattributed;
            }

            announced.SeenAt = at;
            announced.Until = at + plan.Span;
            StartExtraProbes(at, plan);
            return announced;
        }

        if (previous is null
            || (open is not null && (string.Equals(version, open.Version, StringComparison.Ordinal) || string.Equals(version, open.Replaced, StringComparison.Ordinal))))
        {
            return null; // the first version named is no deploy; a flip between the two sides of an open switch is the same one
        }

        var deploy = Open(version, false, null, FailingSince ?? at, at + plan.Span, previous, plan);
        deploy.SeenAt = at;
        deploy.Probes += Unattributed;
        deploy.Failed += Unattributed;
        StartExtraProbes(at, plan);
        return deploy;
    }

    private RolloutDeploy Open(string version, bool announced, string? note, TimeSpan start, TimeSpan until, string? replaced, RolloutPlan plan)
    {
        if (Latest is { } previous && previous.Until > start)
        {
            previous.Until = start > previous.StartedAt ? start : previous.StartedAt;
        }

        var before = new LossSums();
        foreach (var answer in Baseline)
        {
            before.Add(answer);
        }

        var deploy = new RolloutDeploy
        {
            Id = ++Count,
            Version = version,
            Announced = announced,
            Note = note,
            StartedAt = start,
            Until = until,
            Before = before,
            Replaced = replaced ?? Serving,
        };
        Deploys.Add(deploy);
        if (Deploys.Count > Capacity)
        {
            var oldest = Deploys[0];
            var score = oldest.Score(plan.Metric);
            Folded++;
            FoldedScore += score;
            FoldedClean += score >= 1 ? 1 : 0;
            Deploys.RemoveAt(0);
        }

        return deploy;
    }

    private void StartExtraProbes(TimeSpan at, RolloutPlan plan)
    {
        if (!plan.ProbesMore)
        {
            return;
        }

        ExtraLeft = plan.Probes;
        NextExtraAt = at + plan.Every;
    }
}
