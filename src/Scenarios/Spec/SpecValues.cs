namespace PPipe.Scenarios.Spec;

/// <summary>
/// Single values read out of a parsed spec, the same way for every kind of spec (scenarios, survey instruments): a value of
/// the wrong shape adds a problem with its path and reads as null, so the reader goes on and the author sees every problem.
/// </summary>
internal static class SpecValues
{
    /// <summary>The text of <paramref name="key"/>; null when absent or not a single value (then a problem is added).</summary>
    public static string? Text(List<SpecError> errors, SpecMap map, string path, string key)
    {
        switch (map.Find(key))
        {
            case null:
                return null;
            case SpecScalar scalar:
                return scalar.Text;
            case var other:
                errors.Add(new SpecError(Join(path, key), $"expected a single value, got {Describe(other)}"));
                return null;
        }
    }

    /// <summary><paramref name="key"/> as true or false; null when absent or empty, or not a boolean (then a problem is added).</summary>
    public static bool? Bool(List<SpecError> errors, SpecMap map, string path, string key)
    {
        var node = map.Find(key);
        switch (node)
        {
            case null or SpecScalar { Text: null }:
                return null;
            case SpecScalar { Text: "true" or "True" or "TRUE" }:
                return true;
            case SpecScalar { Text: "false" or "False" or "FALSE" }:
                return false;
            default:
                errors.Add(new SpecError(Join(path, key), $"expected true or false, got {Describe(node)}"));
                return null;
        }
    }

    /// <summary>What a node is, in the words of a problem message.</summary>
    public static string Describe(SpecNode node) => node switch
    {
        SpecMap => "keys and values",
        SpecList => "a list",
        SpecScalar { Text: var text } => $"'{text}'",
        _ => "something else",
    };

    /// <summary>The path of <paramref name="key"/> inside <paramref name="path"/> (the root is the empty path).</summary>
    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
