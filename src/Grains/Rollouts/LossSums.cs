using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Probes;
using PPipe.Scenarios;

namespace PPipe.Grains.Rollouts;

/// <summary>
/// Row-weighted sums of probe answers' mean per-row losses (the student's, the stale model's and the oracle's), as the
/// probe buckets keep them: mergeable, and put on the <see cref="QualityScale"/> only when read.
/// </summary>
[GenerateSerializer, Alias("ppipe.RolloutLossSums")]
internal sealed class LossSums
{
    [Id(0)] public long Rows { get; set; }
    [Id(1)] public double Loss { get; set; }
    [Id(2)] public double StaleLoss { get; set; }
    [Id(3)] public double OracleLoss { get; set; }

    /// <summary>Adds a scored answer; false (nothing added) for one without finite losses.</summary>
    public bool Add(ProbeQuality? quality)
    {
        if (quality is not { Rows: > 0 } q || !double.IsFinite(q.Loss) || !double.IsFinite(q.StaleLoss) || !double.IsFinite(q.OracleLoss))
        {
            return false;
        }

        Rows += q.Rows;
        Loss += q.Loss * q.Rows;
        StaleLoss += q.StaleLoss * q.Rows;
        OracleLoss += q.OracleLoss * q.Rows;
        return true;
    }

    public void Add(LossSums other)
    {
        Rows += other.Rows;
        Loss += other.Loss;
        StaleLoss += other.StaleLoss;
        OracleLoss += other.OracleLoss;
    }

    /// <summary>The pooled quality on the 0..1 <see cref="QualityScale"/>; null without scored rows.</summary>
    public double? Quality(Metric metric) =>
        Rows > 0 ? QualityScale.OfLosses(metric, Loss / Rows, StaleLoss / Rows, OracleLoss / Rows) : null;
}
