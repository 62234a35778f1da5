namespace PPipe.Scenarios;

/// <summary>How predictions are scored; spelled in specs as <c>accuracy</c>, <c>macroF1</c>, <c>rocAuc</c>,
/// <c>logLoss</c>, <c>rmse</c>, <c>mae</c>, <c>r2</c>.</summary>
public enum Metric
{
    Accuracy,
    MacroF1,
    RocAuc,
    LogLoss,
    Rmse,
    Mae,
    R2,
}
