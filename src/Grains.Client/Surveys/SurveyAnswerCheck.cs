using System.Collections.Immutable;
using PPipe.Grains.Interfaces.Surveys;
using PPipe.Scenarios.Surveys;

namespace PPipe.Grains.Client.Surveys;

/// <summary>
/// Checks a student's answers against an instrument: every answer names an item of it, has the type the item takes and lies in
/// its range; a submission also answers every required item. Each problem names its field, <c>answers.{itemId}</c>.
/// </summary>
public static class SurveyAnswerCheck
{
    public const string Field = "answers";

    /// <summary>The problems of <paramref name="answers"/>, and the answers as they are kept (text trimmed, choices in order).</summary>
    public static (ImmutableArray<SurveyAnswer> Kept, ImmutableArray<SurveyAnswerProblem> Problems) Check(
        SurveyInstrument instrument, IReadOnlyList<SurveyAnswer> answers, bool complete)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(answers);
        var problems = ImmutableArray.CreateBuilder<SurveyAnswerProblem>();
        var kept = ImmutableArray.CreateBuilder<SurveyAnswer>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            var field = $"{Field}.{answer.ItemId}";
            if (!seen.Add(answer.ItemId))
            {
                problems.Add(new(field, "is answered twice; send one answer per item"));
                continue;
            }

            if (!instrument.Items.TryGetValue(answer.ItemId, out var item))
            {
                problems.Add(new(field, $"there is no item '{answer.ItemId}' in {instrument.Id} v{instrument.Version}; GET the survey for its items"));
                continue;
            }

            if (Problem(item, answer) is { } message)
            {
                problems.Add(new(field, message));
                continue;
            }

            kept.Add(Normalize(item, answer));
        }

        if (complete)
        {
            foreach (var item in instrument.Sections.SelectMany(s => s.Items).Where(i => i.Required && !seen.Contains(i.Id)))
            {
                problems.Add(new($"{Field}.{item.Id}", "is required; answer it before submitting"));
            }
        }

        return (kept.ToImmutable(), problems.ToImmutable());
    }

    private static string? Problem(SurveyItem item, SurveyAnswer answer)
    {
        var given = (answer.Number is not null ? 1 : 0) + (answer.Choices is not null ? 1 : 0) + (answer.Text is not null ? 1 : 0);
        switch (item.Kind)
        {
            case SurveyItemKind.Likert:
                var scale = item.Scale ?? SurveyScale.Default;
                return answer.Number is not { } rating || given != 1
                    ? $"a self-rating takes a whole number from {scale.Min} to {scale.Max}"
                    : scale.Contains(rating) ? null : $"{rating} is off the scale; give a whole number from {scale.Min} to {scale.Max}";
            case SurveyItemKind.Single:
                return answer.Number is not { } option || given != 1
                    ? $"this question takes one option's index, a whole number from 0 to {item.Options.Length - 1}"
                    : option >= 0 && option < item.Options.Length ? null : $"{option} is not an option; the options are numbered 0 to {item.Options.Length - 1}";
            case SurveyItemKind.Multiple:
                if (answer.Choices is not { } choices || given != 1)
                {
                    return $"this question takes a list of option indexes, whole numbers from 0 to {item.Options.Length - 1}";
                }

                if (choices.IsDefaultOrEmpty)
                {
                    return "choose at least one option, or leave the item out";
                }

                var outside = choices.Where(c => c < 0 || c >= item.Options.Length).ToList();
                if (outside.Count > 0)
                {
                    return $"{outside[0]} is not an option; the options are numbered 0 to {item.Options.Length - 1}";
                }

                return choices.Distinct().Count() == choices.Length ? null : "lists an option twice";
            default:
                if (answer.Text is not { } text || given != 1)
                {
                    return "this question takes text";
                }

                var trimmed = text.Trim();
                return trimmed.Length == 0 ? "is empty; write something, or leave the item out"
                    : trimmed.Length > item.MaxLength ? $"is {trimmed.Length} characters; at most {item.MaxLength}"
                    : null;
        }
    }

    private static SurveyAnswer Normalize(SurveyItem item, SurveyAnswer answer) => item.Kind switch
    {
        SurveyItemKind.Multiple => answer with { Choices = [.. answer.Choices!.Value.Order()] },
        SurveyItemKind.Text => answer with { Text = answer.Text!.Trim() },
        _ => answer,
    };
}
