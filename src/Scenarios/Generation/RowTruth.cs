using PPipe.Scenarios.Output;

namespace PPipe.Scenarios.Generation;

/// <summary>
/// What scoring needs about one row, in the form the scenario's metric takes (see
/// <see cref="ConceptOutput.PredictionFor"/>): the actual outcome (a value, or a class index), the true
/// concept's best prediction (the oracle) and the pre-drift concept's prediction (a model never retrained).
/// </summary>
public readonly record struct RowTruth(RowId Id, double Actual, double Oracle, double Stale);
