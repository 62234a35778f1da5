using System.Collections.Immutable;

namespace PPipe.ReferenceModels;

/// <summary>
/// What an instructor may want to know about one reference model. <see cref="Name"/> is "oracle, period 0",
/// "oracle, period 1"... (the table's period index) or "stale". <see cref="TrainingRows"/> counts the rows it learnt
/// from (before any subsample). <see cref="Quality"/> is its out-of-fold accuracy (classification) or R² (regression)
/// on the rows it speaks for: its period's rows for an oracle, every row for the stale model; NaN when it speaks for no
/// row (or, for R², when their target does not vary).
/// </summary>
public sealed record ReferenceModelSummary(string Name, int TrainingRows, double Quality)
{
    /// <summary>The rows this model predicted.</summary>
    public int PredictedRows { get; init; }

    /// <summary>
    /// The most rows any of its fits grew trees on: its training rows less a fold, or fewer when the cost budget
    /// subsampled them; 0 when every fit predicted a constant.
    /// </summary>
    public int RowsPerFit { get; init; }

    /// <summary>
    /// Null when every fit behind this model grew trees; otherwise why some fits predicted a constant instead (the
    /// training rows' mean or class frequencies), e.g. "2 of 3 fits: fewer than 30 training rows".
    /// </summary>
    public string? Fallback { get; init; }

    /// <summary>
    /// The stale model's <see cref="Quality"/> on each period's rows, in period order (NaN for a period without rows),
    /// so an instructor sees how far it falls behind; empty for an oracle.
    /// </summary>
    public ImmutableArray<double> QualityByPeriod { get; init; } = [];
}
