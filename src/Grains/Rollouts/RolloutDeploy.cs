using PPipe.Scenarios;

namespace PPipe.Grains.Rollouts;

/// <summary>
/// One deploy being followed or judged (see <see cref="RolloutLedger"/>): what was switched to, from when (scenario
/// time) its window runs and until when, the probes made in it and the failed ones, and the quality of the answers before
/// it and of the new version's answers in the window.
/// </summary>
[GenerateSerializer, Alias("ppipe.RolloutDeploy")]
internal sealed class RolloutDeploy
{
    [Id(0)] public int Id { get; set; }
    [Id(1)] public string Version { get; set; } = "";
    [Id(2)] public bool Announced { get; set; }
    [Id(3)] public string? Note { get; set; }

    /// <summary>When the window opened: the announcement, or the first failed probe after the old version last answered, or the new version's first answer.</summary>
    [Id(4)] public TimeSpan StartedAt { get; set; }

    /// <summary>When the new version first answered; null while it has not.</summary>
    [Id(5)] public TimeSpan? SeenAt { get; set; }

    /// <summary>When the window closes (a later deploy closes it early).</summary>
    [Id(6)] public TimeSpan Until { get; set; }

    [Id(7)] public int Probes { get; set; }
    [Id(8)] public int Failed { get; set; }

    /// <summary>The newest answers before the deploy (at most <see cref="RolloutLedger.BaselineAnswers"/>).</summary>
    [Id(9)] public LossSums Before { get; set; } = new();

    /// <summary>The new version's answers in the window (for a deploy whose answers name no model: every answer after the start).</summary>
    [Id(10)] public LossSums After { get; set; } = new();

    /// <summary>The version that answered before; answers flipping back to it while the window is open make no new deploy.</summary>
    [Id(11)] public string? Replaced { get; set; }

    public bool Contains(TimeSpan at) => at >= StartedAt && at <= Until;

    /// <summary>
    /// Half for availability (every failed probe in the window costs <see cref="FailureWeight"/> times its share, so a fifth of
    /// the probes failed scores 0: the extra probes after the switch all answer, and must not dilute a redeploy's downtime),
    /// half for quality: all of it unless the new version's answers fall more than <see cref="DipTolerance"/> below the
    /// answers before, none at a fall of <see cref="DipTolerance"/> + <see cref="FullDip"/> or when the new version never
    /// answered; with no answer before to compare with, all of it. So zero failed probes and no dip is full credit.
    /// </summary>
    public double Score(Metric metric) => Score(Before.Quality(metric), After.Quality(metric));

    /// <summary><see cref="Score(Metric)"/> from the qualities before and after, read once by a caller that also shows them.</summary>
    public double Score(double? before, double? after) => 0.5 * AvailabilityScore + 0.5 * QualityScore(before, after);

    /// <summary>A fall in quality (0..1 scale) that is noise, not a dip.</summary>
    public const double DipTolerance = 0.05;

    /// <summary>A fall beyond the tolerance that costs the whole quality half.</summary>
    public const double FullDip = 0.25;

    /// <summary>How many times its share of the window a failed probe costs the availability half.</summary>
    public const double FailureWeight = 5;

    public double AvailabilityScore => Probes == 0 ? 1 : Math.Max(0, 1 - FailureWeight * Failed / Probes);

    public double QualityScore(Metric metric) => QualityScore(Before.Quality(metric), After.Quality(metric));

    private static double QualityScore(double? before, double? after) => after is not { } a ? 0
        : before is not { } b ? 1
        : Math.Clamp(1 - Math.Max(0, b - a - DipTolerance) / FullDip, 0, 1);
}
