using System.Globalization;
using PPipe.Scenarios.Events;
using PPipe.Scenarios.Spec;

namespace PPipe.Frontend.Components.Pages.Scenarios;

/// <summary>Plain-words descriptions of drift and quirk events and of scenario times, for instructors' previews.</summary>
public static class ScenarioEventText
{
    /// <summary>"Day 14" for whole days, else the spec's spelling ("9d12h", "6h").</summary>
    public static string When(TimeSpan at) =>
        at.Ticks % TimeSpan.TicksPerDay == 0
            ? "Day " + (at.Ticks / TimeSpan.TicksPerDay).ToString(CultureInfo.InvariantCulture)
            : ScenarioDuration.Format(at);

    public static string Describe(ScenarioEvent change) => change switch
    {
        ConceptDrift d => d.Mode switch
        {
            DriftMode.Gradual => $"gradual concept drift over {Span(d.Over)}",
            DriftMode.Recurring => $"recurring concept drift, {Span(d.Active)} in every {Span(d.Period)}",
            _ => "abrupt concept drift",
        } + For(d.For) + (d.Effects.IsDefaultOrEmpty ? "" : $" (changes {string.Join(", ", d.Effects.Select(e => e.Key))})"),
        CovariateShift s => $"covariate shift: {s.Feature} moves by {Signed(s.Shift)}" + (s.Over is { } over ? $" over {Span(over)}" : ""),
        Recalibration r => $"recalibration: {r.Feature} reads {Signed(r.Shift)} off",
        LabelShift l => "label shift: some classes drawn more or less often" + (l.Over is { } over ? $" over {Span(over)}" : ""),
        LabelNoise n => $"label noise on {Percent(n.Rate)} of released rows" + For(n.For),
        NewCategory c => $"new category '{c.Value}' in {c.Feature} on {Percent(c.Rate)} of rows",
        MissingValues m => $"missing values in {(m.Columns.IsDefaultOrEmpty ? "every feature" : string.Join(", ", m.Columns))} on {Percent(m.Rate)} of rows" + For(m.For),
        DuplicateRows d => $"duplicate rows: {Percent(d.Rate)} of released rows" + For(d.For),
        RenamedColumn r => $"column {r.Column} renamed to {r.To}",
        AddedColumn a => $"new column {a.Column}",
        LateRows l => $"late rows: {Percent(l.Rate)} arrive {Span(l.Delay)} late" + For(l.For),
        ChannelOutage o => $"{o.Channel.ToString().ToLowerInvariant()} outage for {Span(o.For)}",
        _ => change.GetType().Name,
    };

    /// <summary>"Day 14: abrupt concept drift (changes base, perKm) — New rate card."</summary>
    public static string Line(ScenarioEvent change) =>
        $"{When(change.At)}: {Describe(change)}" + (string.IsNullOrWhiteSpace(change.Note) ? "" : $" — {change.Note.Trim()}");

    private static string For(TimeSpan? span) => span is { } value ? $" for {Span(value)}" : "";

    private static string Span(TimeSpan? span) => span is { } value ? ScenarioDuration.Format(value) : "?";

    private static string Signed(double value) => value.ToString("+0.###;-0.###;0", CultureInfo.InvariantCulture);

    private static string Percent(double rate) => (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
