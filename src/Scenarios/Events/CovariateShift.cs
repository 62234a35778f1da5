namespace PPipe.Scenarios.Events;

/// <summary>
/// A numeric feature's distribution moves by <see cref="Shift"/> (in the feature's unit) — at once, or
/// linearly over <see cref="Over"/>. The target still depends on the feature the same way, so the labels
/// follow the shifted values.
/// </summary>
public sealed record CovariateShift(TimeSpan At, string? Note, string Feature, double Shift, TimeSpan? Over) : DriftEvent(At, Note)
{
    public override TimeSpan? Until => null;

    /// <summary>How much of the shift applies at scenario time <paramref name="t"/>.</summary>
    public double AmountAt(TimeSpan t)
    {
        if (t < At)
        {
            return 0;
        }

        if (Over is not { } over || t >= At + over)
        {
            return Shift;
        }

        return Shift * ((t - At).Ticks / (double)over.Ticks);
    }
}
