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

    public override bool CallsForRetraining => true;

    /// <summary>Until when no other concept drift may start: the end of the transition or of the window.</summary>
    public TimeSpan BusyUntil => Mode switch
    {
        DriftMode.Gradual => At + Over!.Value,
        _ => Until ?? At,
    };

    /// <summary>
    /// When the stretch of the new concept that holds at <paramref name="time"/> ends: null when the old concept holds then
    /// (before the drift, after its <see cref="For"/>, or between a recurring drift's active spans), and
    /// <see cref="TimeSpan.MaxValue"/> when it holds for good. A gradual drift holds from its start.
    /// </summary>
    public TimeSpan? HoldsUntil(TimeSpan time)
    {
        if (time < At || time >= (Until ?? TimeSpan.MaxValue))
        {
            return null;
        }

        if (Mode != DriftMode.Recurring)
        {
            return Until ?? TimeSpan.MaxValue;
        }

        var spanStart = At + Period!.Value * Math.Floor((time - At) / Period.Value);
        var spanEnd = spanStart + Active!.Value;
        return time >= spanEnd ? null : Until is { } until && until < spanEnd ? until : spanEnd;
    }
}
