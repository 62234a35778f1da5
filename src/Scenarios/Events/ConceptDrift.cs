using System.Collections.Immutable;

namespace PPipe.Scenarios.Events;

/// <summary>
/// The target's dependence on the features changes: the named concept effects take new weights.
/// <see cref="Over"/> is the transition of a gradual drift; <see cref="Period"/> and <see cref="Active"/>
/// shape a recurring one; <see cref="For"/> limits an abrupt or recurring drift in time.
/// </summary>
public sealed record ConceptDrift(
    TimeSpan At,
    string? Note,
    DriftMode Mode,
    ImmutableArray<KeyValuePair<string, double>> Effects,
    TimeSpan? Over,
    TimeSpan? Period,
    TimeSpan? Active,
    TimeSpan? For) : DriftEvent(At, Note)
{
    public override TimeSpan? Until => For is { } span ? At + span : null;

    /// <summary>Until when no other concept drift may start: the end of the transition or of the window.</summary>
    public TimeSpan BusyUntil => Mode switch
    {
        DriftMode.Gradual => At + Over!.Value,
        _ => Until ?? At,
    };
}
