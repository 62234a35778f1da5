using System.Collections.Immutable;
using System.Text.Json;
using PPipe.Grains.Interfaces.Surveys;

namespace PPipe.Frontend.Surveys;

/// <summary>
/// Turns the JSON of <c>answers</c> into answers the grains check against the instrument. Only the JSON shape is judged here
/// (a whole number, a list of whole numbers, or a string); a value of another shape is named with its field.
/// </summary>
public static class SurveyAnswersReader
{
    public const int MaxAnswers = 300;

    public static (ImmutableArray<SurveyAnswer> Answers, Dictionary<string, string[]> Errors) Read(IReadOnlyDictionary<string, JsonElement> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var read = ImmutableArray.CreateBuilder<SurveyAnswer>();
        if (answers.Count > MaxAnswers)
        {
            errors["answers"] = [$"at most {MaxAnswers} answers, got {answers.Count}"];
            return ([], errors);
        }

        foreach (var (itemId, value) in answers)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Null or JsonValueKind.Undefined:
                    continue;
                case JsonValueKind.Number when value.TryGetInt32(out var number):
                    read.Add(new SurveyAnswer(itemId, number, null, null));
                    break;
                case JsonValueKind.String:
                    read.Add(new SurveyAnswer(itemId, null, null, value.GetString()));
                    break;
                case JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _)):
                    read.Add(new SurveyAnswer(itemId, null, [.. value.EnumerateArray().Select(e => e.GetInt32())], null));
                    break;
                default:
                    errors[$"answers.{itemId}"] = [$"expected a whole number, a list of whole numbers or text, got {Describe(value)}"];
                    break;
            }
        }

        return (read.ToImmutable(), errors);
    }

    /// <summary>Answers as the API shows them, by item id.</summary>
    public static IReadOnlyDictionary<string, object> Write(IEnumerable<SurveyAnswer> answers) =>
        answers.ToDictionary(a => a.ItemId, a => a.Number is { } number ? number : a.Choices is { } choices ? (object)choices.ToArray() : a.Text ?? "",
            StringComparer.Ordinal);

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => $"{value.GetRawText()}, which is not a whole number",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list with something other than whole numbers in it",
        _ => value.ValueKind.ToString(),
    };
}
