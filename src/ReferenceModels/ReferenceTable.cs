using PPipe.Scenarios;

namespace PPipe.ReferenceModels;

/// <summary>
/// The rows of an uploaded dataset as the reference models see them: encoded features, the target, the concept period
/// each row belongs to and which rows the stale model may learn from. Row <c>i</c> of every array is the same row.
/// </summary>
public sealed class ReferenceTable
{
    /// <summary>Regression, Binary or Multiclass; a forecast is refused.</summary>
    public required ScenarioTask Task { get; init; }

    /// <summary>0 for regression; the number of classes (at least 2) for classification.</summary>
    public required int ClassCount { get; init; }

    public required IReadOnlyList<ReferenceColumn> Features { get; init; }

    /// <summary>Per row, the value (regression) or the class index 0..<see cref="ClassCount"/>-1 (binary: 1 is the positive class).</summary>
    public required double[] Target { get; init; }

    /// <summary>Per row, the concept period 0..P-1 it belongs to.</summary>
    public required int[] Period { get; init; }

    /// <summary>Per row, whether the stale model is fitted on it (the first releases).</summary>
    public required bool[] StaleTraining { get; init; }

    public required ulong Seed { get; init; }

    /// <summary>
    /// The number of periods P, so that a period without rows still gets its (empty) oracle summary; 0, the default,
    /// takes one more than the largest <see cref="Period"/>.
    /// </summary>
    public int PeriodCount { get; init; }
}
