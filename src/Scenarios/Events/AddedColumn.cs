using System.Collections.Immutable;

namespace PPipe.Scenarios.Events;

/// <summary>
/// From <c>At</c> on, a new column <see cref="Column"/> is published. When it names a hidden feature of
/// the template, the feature is revealed (and it was driving the world all along). Otherwise it is a new
/// column with no bearing on the target: categories drawn evenly from <see cref="Values"/>, or numbers
/// around <see cref="Mean"/> with standard deviation <see cref="Sd"/>.
/// </summary>
public sealed record AddedColumn(
    TimeSpan At,
    string? Note,
    string Column,
    ImmutableArray<string> Values,
    double Mean,
    double Sd,
    int Decimals) : QuirkEvent(At, Note)
{
    public override TimeSpan? Until => null;

    /// <summary>True when the column reveals a hidden feature instead of adding a new one.</summary>
    public bool RevealsFeature { get; init; }
}
