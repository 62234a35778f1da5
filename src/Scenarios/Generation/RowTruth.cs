using PPipe.Scenarios.Output;

namespace PPipe.Scenarios.Generation;

/// <summary>
/// What scoring needs about one row, in the form the scenario's metric takes (see
/// <see cref="ConceptOutput.PredictionFor"/>): the actual outcome (a value, or a class index), the true
/// concept's best prediction (the oracle) and the pre-drift concept's prediction (a model never retrained).
/// <see cref="Scale"/> divides the row's absolute error under <see cref="Metric.Mase"/>: its series'
/// seasonal-naive error on the history released so far (1 for every other metric).
/// </summary>
public readonly record struct RowTruth(RowId Id, double Actual, double Oracle, double Stale, double Scale = 1);
