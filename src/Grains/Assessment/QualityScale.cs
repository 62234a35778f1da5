using PPipe.Scenarios;
using PPipe.Scenarios.Scoring;

namespace PPipe.Grains.Assessment;

/// <summary>
/// Puts a prediction quality on one scale from 0 to 1. Where the never-retrained (stale) model and the true
/// concept (oracle) clearly differ, it is <see cref="MetricScore.Relative"/>: 0 at the stale model, 1 at the
/// oracle. Where they coincide (before any concept change) that scale says nothing, so quality is closeness to the
/// oracle instead: 1 at the oracle's error, 0 at three times it. In between (a change just starting), the two
/// blend by how far apart the baselines are, so a tiny gap between them cannot swing a score from 0 to 1.
/// </summary>
internal static class QualityScale
{
    /// <summary>Closeness reaches 0 at this multiple of the oracle's error.</summary>
    private const double ZeroAtErrorRatio = 3;

    /// <summary>The relative scale is fully trusted once the stale model's error exceeds the oracle's by this share.</summary>
    private const double TrustedGap = 0.25;

    /// <summary>Quality of a metric value (a batch score) beside the stale model's and the oracle's.</summary>
    public static double OfScores(Metric metric, double score, double stale, double oracle) =>
        Of(Error(metric, score), Error(metric, stale), Error(metric, oracle));

    /// <summary>Quality of a mean per-row loss beside the stale model's and the oracle's. Squared losses are
    /// compared as their roots, in the metric's own unit.</summary>
    public static double OfLosses(Metric metric, double loss, double staleLoss, double oracleLoss) =>
        metric is Metric.Rmse or Metric.R2
            ? Of(Math.Sqrt(loss), Math.Sqrt(staleLoss), Math.Sqrt(oracleLoss))
            : Of(loss, staleLoss, oracleLoss);

    /// <summary>The error form of a metric value: lower is better, 0 is perfect.</summary>
    private static double Error(Metric metric, double value) => metric.HigherIsBetter() ? 1 - value : value;

    private static double Of(double error, double staleError, double oracleError)
    {
        if (!double.IsFinite(error) || !double.IsFinite(staleError) || !double.IsFinite(oracleError))
        {
            return 0;
        }

        var closeness = oracleError > 0
            ? Math.Clamp((ZeroAtErrorRatio - error / oracleError) / (ZeroAtErrorRatio - 1), 0, 1)
            : error <= oracleError ? 1 : 0;
        var trust = oracleError > 0
            ? Math.Clamp((staleError - oracleError) / (TrustedGap * oracleError), 0, 1)
            : staleError > oracleError ? 1 : 0;
        if (trust == 0)
        {
            return closeness;
        }

        var relative = MetricScore.Relative(error, staleError, oracleError);
        return trust * relative + (1 - trust) * closeness;
    }
}
