namespace PPipe.Scenarios.Datasets;

/// <summary>The texts a dataset value means "missing" by: empty or blank, <c>NA</c>, <c>N/A</c>, <c>NaN</c>, <c>nan</c>,
/// <c>null</c>, <c>NULL</c>, <c>None</c>. Profiling and scenarios read them alike.</summary>
public static class MissingText
{
    public static bool Is(string value) =>
        value.Length == 0 || value is "NA" or "N/A" or "NaN" or "nan" or "null" or "NULL" or "None" || string.IsNullOrWhiteSpace(value);
}
