using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using PPipe.Grains.Interfaces.Incidents;
using PPipe.Scenarios;
using PPipe.Scenarios.Events;

namespace PPipe.Grains.Incidents;

/// <summary>Every event a scenario injects that an incident report can be about, worked out once per scenario version.</summary>
internal static class InjectedIncidents
{
    private static readonly ConditionalWeakTable<Scenario, IReadOnlyList<InjectedIncident>> Known = [];

    /// <summary>The scenario's drift and quirks in the order they begin (feedback names them so); see <see cref="InjectedIncident.Index"/>.</summary>
    public static IReadOnlyList<InjectedIncident> Of(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Known.GetValue(scenario, Build);
    }

    private static IReadOnlyList<InjectedIncident> Build(Scenario scenario)
    {
        var events = new List<InjectedIncident>();
        foreach (var drift in scenario.Drift)
        {
            events.Add(Describe(events.Count, drift, scenario));
        }

        foreach (var quirk in scenario.Quirks)
        {
            events.Add(Describe(events.Count, quirk, scenario));
        }

        return [.. events.OrderBy(e => e.At).ThenBy(e => e.Index)];
    }

    private static InjectedIncident Describe(int index, ScenarioEvent e, Scenario scenario)
    {
        var (kind, features, channel, what) = e switch
        {
            ConceptDrift { Mode: DriftMode.Gradual } => (IncidentKind.Drift, [], null, "the gradual concept drift"),
            ConceptDrift { Mode: DriftMode.Recurring } => (IncidentKind.Drift, [], null, "the recurring concept drift"),
            ConceptDrift => (IncidentKind.Drift, [], null, "the concept drift"),
            CovariateShift shift => (IncidentKind.Drift, [shift.Feature], null, $"the shift in {shift.Feature}"),
            Recalibration recalibration => (IncidentKind.Drift, [recalibration.Feature], null, $"the recalibration of {recalibration.Feature}"),
            LabelShift => (IncidentKind.Drift, [scenario.Target.Name], null, $"the shift in the shares of {scenario.Target.Name}"),
            LabelNoise => (IncidentKind.DataQuality, [scenario.Target.Name], null, "the noisy labels"),
            NewCategory category => (IncidentKind.DataQuality, [category.Feature], null, $"the new category of {category.Feature}"),
            MissingValues missing => (IncidentKind.DataQuality, missing.Columns.IsDefault ? [] : missing.Columns, null,
                missing.Columns.IsDefaultOrEmpty ? "the missing values" : $"the missing values in {string.Join(", ", missing.Columns)}"),
            DuplicateRows => (IncidentKind.DataQuality, [], null, "the duplicated rows"),
            RenamedColumn renamed => (IncidentKind.DataQuality, [renamed.Column, renamed.To], null, "the schema change"),
            AddedColumn added => (IncidentKind.DataQuality, [added.Column], null, $"the new column {added.Column}"),
            LateRows => (IncidentKind.DataQuality, [], null, "the late-arriving rows"),
            ChannelOutage outage => (IncidentKind.Outage, [], ScenarioNames.Of(outage.Channel), $"the {ScenarioNames.Of(outage.Channel)} channel outage"),
            _ => (IncidentKind.DataQuality, ImmutableArray<string>.Empty, (string?)null, "the data problem"),
        };
        var onset = e switch
        {
            ConceptDrift { Mode: DriftMode.Gradual, Over: { } over } => over,
            CovariateShift { Over: { } over } => over,
            LabelShift { Over: { } over } => over,
            _ => TimeSpan.Zero,
        };
        return new InjectedIncident(index, kind, e.At, e.Until, features, channel, what, e.At + onset);
    }
}
