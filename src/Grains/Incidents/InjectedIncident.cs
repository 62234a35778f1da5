using System.Collections.Immutable;
using PPipe.Grains.Assessment;
using PPipe.Grains.Interfaces.Incidents;
using PPipe.Scenarios;

namespace PPipe.Grains.Incidents;

/// <summary>
/// An event the platform injected that a student's monitoring could notice: the scenario's drift or quirk number
/// <see cref="Index"/> (drift first, then quirks, each in time order), the kind of report it takes, when it starts
/// and stops acting (null: to the end), the features (case as published) or channel it concerns, and what it is called in
/// feedback (<see cref="What"/>, "the schema change"). A gradual change is still setting in until <see cref="Settled"/>
/// (its start otherwise): a report may name any moment of that onset as the start.
/// </summary>
internal sealed record InjectedIncident(
    int Index,
    IncidentKind Kind,
    TimeSpan At,
    TimeSpan? Until,
    ImmutableArray<string> Features,
    string? Channel,
    string What,
    TimeSpan Settled)
{
    /// <summary>How far <paramref name="beganAt"/> is from the event's onset (zero within it).</summary>
    public TimeSpan DistanceFrom(TimeSpan beganAt) => beganAt < At ? At - beganAt : beganAt > Settled ? beganAt - Settled : TimeSpan.Zero;

    /// <summary>"the schema change on day 9".</summary>
    public string Description => $"{What} on day {FeedbackText.Day(At)}";

    /// <summary>
    /// When the event is over for the monitoring criterion: its reporting time is up and it no longer acts (an event
    /// that lasts to the end is over when its reporting time is up: by then it is the new normal). Not after the end.
    /// Only from then on may an unreported event be counted, or named, as missed.
    /// </summary>
    public TimeSpan OverAt(MonitoringPlan plan, TimeSpan duration)
    {
        var over = At + plan.DetectWithin;
        if (Until is { } until && until > over)
        {
            over = until;
        }

        return over < duration ? over : duration;
    }
}
