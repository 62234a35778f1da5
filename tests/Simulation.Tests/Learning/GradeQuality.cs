using PPipe.Scenarios;
using PPipe.Scenarios.Scoring;

namespace PPipe.Simulation.Tests.Learning;

/// <summary>
/// The platform's quality scale for a batch score (the grains' <c>QualityScale.OfScores</c>, which this project cannot
/// reference): 0 at the never-retrained stale concept, 1 at the oracle where they clearly differ; closeness to the oracle
/// (1 at its error, 0 at three times it) where they coincide; a blend in between.
/// </summary>
internal static class GradeQuality
{
    public static double Of(Metric metric, double score, double stale, double oracle)
    {
        double Error(double value) => metric.HigherIsBetter() ? 1 - value : value;
        var (error, staleError, oracleError) = (Error(score), Error(stale), Error(oracle));
        var closeness = oracleError > 0 ? Math.Clamp((3 - error / oracleError) / 2, 0, 1) : error <= oracleError ? 1 : 0;
        var trust = oracleError > 0 ? Math.Clamp((staleError - oracleError) / (0.25 * oracleError), 0, 1) : staleError > oracleError ? 1 : 0;
        return trust == 0 ? closeness : trust * MetricScore.Relative(error, staleError, oracleError) + (1 - trust) * closeness;
    }
}
