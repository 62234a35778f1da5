using System.Collections.Immutable;

namespace PPipe.Scenarios.Surveys;

/// <summary>A validated survey instrument: one immutable version of a questionnaire, its sections and items in order.</summary>
public sealed record SurveyInstrument(
    string Id,
    int Version,
    string Title,
    string? Description,
    ImmutableArray<SurveyCompetence> Competences,
    ImmutableArray<SurveySection> Sections)
{
    private ImmutableDictionary<string, SurveyItem>? _items;

    /// <summary>Every item by its id.</summary>
    public ImmutableDictionary<string, SurveyItem> Items =>
        _items ??= Sections.SelectMany(s => s.Items).ToImmutableDictionary(i => i.Id, StringComparer.Ordinal);
}
