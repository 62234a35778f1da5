namespace PPipe.Scenarios.Spec;

/// <summary>Late submissions: <c>accept</c>, <c>reject</c> or <c>penalty</c> (a fraction of the score lost),
/// with an optional <see cref="Cutoff"/> after the due time beyond which nothing is taken. Nothing is taken once a batch's
/// labels are revealed either, whatever the cutoff.</summary>
public sealed record LateSpec
{
    public string? Policy { get; init; }

    public double? Penalty { get; init; }

    public string? Cutoff { get; init; }
}
