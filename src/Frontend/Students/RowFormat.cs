namespace PPipe.Frontend.Students;

/// <summary>How rows are written to a download.</summary>
public enum RowFormat
{
    Csv,
    Jsonl,
}
