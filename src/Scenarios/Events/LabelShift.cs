using System.Collections.Immutable;

namespace PPipe.Scenarios.Events;

/// <summary>
/// In a scenario over a dataset, the classes' shares change: from <c>At</c> (ramping in over
/// <see cref="Over"/> when set) rows of class <c>k</c> are drawn <see cref="Factors"/>[k] times as often as before.
/// The rows themselves stay as recorded; only which rows are drawn changes.
/// </summary>
public sealed record LabelShift(TimeSpan At, string? Note, ImmutableArray<double> Factors, TimeSpan? Over) : DriftEvent(At, Note)
{
    public override TimeSpan? Until => null;

    /// <summary>How much more often rows of class <paramref name="index"/> are drawn at <paramref name="t"/> (1 before the shift).</summary>
    public double FactorAt(TimeSpan t, int index)
    {
        if (t < At)
        {
            return 1;
        }

        var share = Over is not { } over || t >= At + over ? 1 : (t - At).Ticks / (double)over.Ticks;
        return 1 + (Factors[index] - 1) * share;
    }
}
