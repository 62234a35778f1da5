using System.Collections.Immutable;
using System.Globalization;

namespace PPipe.Scenarios;

/// <summary>
/// What is predicted. Classification targets have <see cref="Classes"/> (for binary tasks the second one is
/// the positive class); regression targets are numbers with <see cref="Decimals"/> decimals.
/// </summary>
public sealed record ScenarioTarget(
    string Name,
    ScenarioTask Task,
    string Description,
    string? Unit,
    int Decimals,
    ImmutableArray<string> Classes)
{
    /// <summary>
    /// For binary tasks, the class whose probability probability metrics score and endpoints answer (the second label,
    /// index <see cref="PositiveClassIndex"/>); null otherwise. The API names it to students, so their programs need not read the briefing.
    /// </summary>
    public string? PositiveClass => Task == ScenarioTask.Binary ? Classes[PositiveClassIndex] : null;

    /// <summary>True when the target is a number (regression and forecasts), false for a class label.</summary>
    public bool IsNumeric => Task.IsNumeric();

    /// <summary>Where the positive class of a binary task is in <see cref="Classes"/>: truths and label predictions are this index for it.</summary>
    public const int PositiveClassIndex = 1;

    /// <summary>
    /// Reads a student's prediction as the number the metrics take: a class index for a label, the value for
    /// regression. False for an unknown label or a number that is not finite.
    /// </summary>
    public bool TryParsePrediction(string text, out double value)
    {
        if (IsNumeric)
        {
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        }

        var index = Classes.IndexOf(text.Trim());
        value = index;
        return index >= 0;
    }

    /// <summary>The text of a value: the class label for classification, the rounded number for regression.</summary>
    public string Format(double value) =>
        IsNumeric
            ? Math.Round(value, Decimals).ToString("F" + Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : Classes[(int)value];
}
