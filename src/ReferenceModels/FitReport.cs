namespace PPipe.ReferenceModels;

/// <summary>How one fit went: trees or a constant, and how many rows its trees trained on (0 for a constant).</summary>
internal readonly record struct FitReport(FitOutcome Outcome, int TrainedRows);
