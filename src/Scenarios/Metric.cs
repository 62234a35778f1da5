namespace PPipe.Scenarios;

/// <summary>How predictions are scored; spelled in specs as <c>accuracy</c>, <c>macroF1</c>, <c>rocAuc</c>,
/// <c>logLoss</c>, <c>rmse</c>, <c>mae</c>, <c>r2</c>, <c>mase</c>, <c>smape</c>.</summary>
public enum Metric
{
    Accuracy,
    MacroF1,
    RocAuc,
    LogLoss,
    Rmse,
    Mae,
    R2,

    /// <summary>Mean absolute scaled error: each row's absolute error divided by its series' in-sample
    /// seasonal-naive error (see <see cref="Scoring.MetricScore.SeasonalNaiveScale"/>). Below 1 beats
    /// "same as one season ago" on the history.</summary>
    Mase,

    /// <summary>Symmetric mean absolute percentage error as a fraction from 0 to 2 (not a percentage).</summary>
    Smape,
}
