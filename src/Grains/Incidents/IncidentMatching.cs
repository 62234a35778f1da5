using PPipe.Grains.Interfaces.Incidents;
using PPipe.Scenarios;

namespace PPipe.Grains.Incidents;

/// <summary>
/// Which injected event a report is about, decided once, when it is filed. Only events that have begun by then can
/// match: a report naming the start of one still to come is a false alarm, and stays one, exactly as any report about
/// nothing — so no report can tell a student what is scheduled.
/// <para>
/// A report matches an event when the start it names is within the plan's window of the event's start (or of any moment
/// of a gradual change's onset, <see cref="InjectedIncident.Settled"/>), it names a
/// feature of the event (when both name features) or its channel (when both name one), and its kind fits: the same kind,
/// or <c>drift</c> for a data problem and <c>data-quality</c> for a drift when a feature they share is named (from
/// outside a recalibration and a covariate shift look alike). <c>other</c> matches nothing. Of several, the event whose
/// start is nearest wins (then the first listed).
/// </para>
/// </summary>
internal static class IncidentMatching
{
    public static InjectedIncident? Match(IncidentReport report, TimeSpan filedAt, IReadOnlyList<InjectedIncident> events, MonitoringPlan plan)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(plan);
        if (report.Kind == IncidentKind.Other)
        {
            return null;
        }

        InjectedIncident? best = null;
        var bestDistance = TimeSpan.MaxValue;
        foreach (var e in events)
        {
            if (e.At > filedAt)
            {
                continue;
            }

            var distance = e.DistanceFrom(report.BeganAt);
            if (distance > plan.Window || distance >= bestDistance || !Fits(report, e))
            {
                continue;
            }

            best = e;
            bestDistance = distance;
        }

        return best;
    }

    private static bool Fits(IncidentReport report, InjectedIncident e)
    {
        var namesFeatures = !report.Features.IsDefaultOrEmpty && !e.Features.IsDefaultOrEmpty;
        var shared = namesFeatures && report.Features.Any(f => e.Features.Contains(f, StringComparer.OrdinalIgnoreCase));
        if (namesFeatures && !shared)
        {
            return false;
        }

        if (report.Channel is { } channel && e.Channel is { } other && !string.Equals(channel, other, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return report.Kind == e.Kind
            || (shared && report.Kind is IncidentKind.Drift or IncidentKind.DataQuality && e.Kind is IncidentKind.Drift or IncidentKind.DataQuality);
    }
}
