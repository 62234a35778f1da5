using PPipe.Scenarios.Surveys;

namespace PPipe.Frontend.Surveys;

/// <summary>An instrument as students and the preview see it: its sections and items, never the answer key.</summary>
public sealed record InstrumentView(string Id, int Version, string Title, string? Description,
    IReadOnlyList<InstrumentView.CompetenceView> Competences, IReadOnlyList<InstrumentView.SectionView> Sections)
{
    /// <summary>A competence the instrument measures.</summary>
    public sealed record CompetenceView(string Id, string Title);

    /// <summary>A section and its items, in order.</summary>
    public sealed record SectionView(string Id, string Title, IReadOnlyList<ItemView> Items);

    /// <summary>
    /// One item: <c>scale</c> for a self-rating (answer a whole number on it), <c>options</c> for a knowledge question (answer
    /// an option's index from 0, or a list of them for <c>multiple</c>), <c>maxLength</c> for free text (answer a string).
    /// </summary>
    public sealed record ItemView(string Id, SurveyItemKind Kind, string Text, string? Competence, bool Required, ScaleView? Scale,
        IReadOnlyList<string>? Options, int? MaxLength);

    /// <summary>A Likert scale: whole numbers from min to max, with a label for each when the instrument gives them.</summary>
    public sealed record ScaleView(int Min, int Max, IReadOnlyList<string> Labels);

    public static InstrumentView Of(SurveyInstrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        return new InstrumentView(instrument.Id, instrument.Version, instrument.Title, instrument.Description,
            [.. instrument.Competences.Select(c => new CompetenceView(c.Id, c.Title))],
            [.. instrument.Sections.Select(s => new SectionView(s.Id, s.Title, [.. s.Items.Select(ItemOf)]))]);
    }

    private static ItemView ItemOf(SurveyItem item) => new(item.Id, item.Kind, item.Text, item.Competence, item.Required,
        item.Scale is { } scale ? new ScaleView(scale.Min, scale.Max, [.. scale.Labels]) : null,
        item.Kind is SurveyItemKind.Single or SurveyItemKind.Multiple ? [.. item.Options] : null,
        item.Kind == SurveyItemKind.Text ? item.MaxLength : null);
}
