using System.Collections.Immutable;

namespace PPipe.Scenarios.Events;

/// <summary>Values of <see cref="Columns"/> (feature names; empty means every feature) go missing at random
/// with probability <see cref="Rate"/> — a sensor gap, an optional form field.</summary>
public sealed record MissingValues(TimeSpan At, string? Note, double Rate, ImmutableArray<string> Columns, TimeSpan? For) : QuirkEvent(At, Note)
{
    public override TimeSpan? Until => For is { } span ? At + span : null;

    public bool Covers(string feature) => Columns.IsDefaultOrEmpty || Columns.Contains(feature);
}
