namespace PPipe.Scenarios.Output;

/// <summary>RFC 4180 text: the one rule for writing a CSV field, shared by every CSV the platform writes.</summary>
public static class CsvText
{
    /// <summary>The field as written in a CSV line: quoted, inner quotes doubled, only when it holds a comma, a quote or a line break.</summary>
    public static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{field.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : field;
}
