using PPipe.Grains.Interfaces.Assessment;

namespace PPipe.Grains.Assessment;

/// <summary>
/// Whether two answers to the same rows are the same, value by value: equal within <see cref="Tolerance"/> of the larger
/// magnitude (and at least 1). Labels are class indices, so they must be equal; probabilities and regression values may
/// differ only by the rounding of the same arithmetic done in another order or printed with other digits, never by what
/// sampling, dropout or a refit produces.
/// </summary>
internal static class PredictionMatch
{
    public const double Tolerance = 1e-6;

    public static bool Same(double earlier, double now) =>
        earlier.Equals(now) || Math.Abs(earlier - now) <= Tolerance * Math.Max(1, Math.Max(Math.Abs(earlier), Math.Abs(now)));

    /// <summary>How many values differ and how many were compared; a value only one side has counts as differing.</summary>
    public static (int Differing, int Compared) Compare(ReadOnlySpan<double> earlier, ReadOnlySpan<double> now)
    {
        var common = Math.Min(earlier.Length, now.Length);
        var differing = Math.Max(earlier.Length, now.Length) - common;
        for (var i = 0; i < common; i++)
        {
            differing += Same(earlier[i], now[i]) ? 0 : 1;
        }

        return (differing, Math.Max(earlier.Length, now.Length));
    }

    /// <summary>
    /// How many rows of two submissions of one batch differ (the prediction, or the probability when both gave them) and how
    /// many were compared.
    /// </summary>
    public static (int Differing, int Compared) Compare(BatchSubmission earlier, BatchSubmission now)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(now);
        var rows = Math.Max(earlier.Predictions.Length, now.Predictions.Length);
        var differing = 0;
        for (var i = 0; i < rows; i++)
        {
            var same = i < earlier.Predictions.Length && i < now.Predictions.Length && Same(earlier.Predictions[i], now.Predictions[i])
                && (earlier.Probabilities is not { } p || now.Probabilities is not { } q || (i < p.Length && i < q.Length && Same(p[i], q[i])));
            differing += same ? 0 : 1;
        }

        return (differing, rows);
    }
}
