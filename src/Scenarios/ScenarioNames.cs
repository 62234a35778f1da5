using System.Collections.Frozen;

namespace PPipe.Scenarios;

/// <summary>The spelling of enum values in specs and JSON: camelCase of the C# name
/// (<c>MacroF1</c> is <c>macroF1</c>, <c>Api</c> is <c>api</c>).</summary>
public static class ScenarioNames
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => Spelled<TEnum>.Names.TryGetValue(value, out var name) ? name : Spell(value);

    private static string Spell<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        return string.Concat(name[..1].ToLowerInvariant(), name.AsSpan(1));
    }

    /// <summary>
    /// Each defined value's spelling, worked out once per enum: every grade names each criterion of its rubric, every
    /// progress push and grades CSV row with it, and spelling a name anew takes four allocations. Values no name is
    /// defined for are spelled when asked.
    /// </summary>
    private static class Spelled<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly FrozenDictionary<TEnum, string> Names = Enum.GetValues<TEnum>().Distinct().ToFrozenDictionary(v => v, Spell);
    }

    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>All spellings, comma separated, for error messages.</summary>
    public static string All<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(Of));
}
