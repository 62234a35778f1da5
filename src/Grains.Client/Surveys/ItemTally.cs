using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Surveys;
using PPipe.Scenarios.Surveys;

namespace PPipe.Grains.Client.Surveys;

/// <summary>
/// One rated or multiple-choice item's answers counted per label (a Likert item's labels are its scale's points), and how many
/// answers counted at all; the survey analytics' distributions and the course feedback count the same way.
/// </summary>
internal sealed class ItemTally
{
    private readonly int[] _counts;
    private readonly int _offset;

    public ItemTally(SurveyItem item)
    {
        Item = item;
        Labels = LabelsOf(item);
        _counts = new int[Labels.Length];
        _offset = item.Kind == SurveyItemKind.Likert ? (item.Scale ?? SurveyScale.Default).Min : 0;
    }

    public SurveyItem Item { get; }

    public ImmutableArray<string> Labels { get; }

    public ImmutableArray<int> Counts => [.. _counts];

    /// <summary>Answers that chose at least one label.</summary>
    public int Answered { get; private set; }

    public string Kind => Item.Kind switch
    {
        SurveyItemKind.Likert => "likert",
        SurveyItemKind.Single => "single",
        _ => "multiple",
    };

    /// <summary>Counts one answer's number (a Likert point or a single choice) or choices; values outside the labels are left out.</summary>
    public void Add(SurveyAnswer answer)
    {
        var answered = false;
        if (answer.Number is { } number && number - _offset >= 0 && number - _offset < _counts.Length)
        {
            _counts[number - _offset]++;
            answered = true;
        }
        else if (answer.Choices is { } choices)
        {
            foreach (var choice in choices)
            {
                if (choice >= 0 && choice < _counts.Length)
                {
                    _counts[choice]++;
                    answered = true;
                }
            }
        }

        Answered += answered ? 1 : 0;
    }

    /// <summary>The items of an instrument that are counted (all but free text), in the instrument's order.</summary>
    public static IEnumerable<SurveyItem> CountedItems(SurveyInstrument instrument) =>
        instrument.Sections.SelectMany(s => s.Items).Where(i => i.Kind != SurveyItemKind.Text);

    private static ImmutableArray<string> LabelsOf(SurveyItem item)
    {
        if (item.Kind != SurveyItemKind.Likert)
        {
            return item.Options;
        }

        var scale = item.Scale ?? SurveyScale.Default;
        return [.. Enumerable.Range(scale.Min, scale.Max - scale.Min + 1)
            .Select(v => v - scale.Min < scale.Labels.Length ? $"{v} {scale.Labels[v - scale.Min]}" : $"{v}")];
    }
}
