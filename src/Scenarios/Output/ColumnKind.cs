namespace PPipe.Scenarios.Output;

/// <summary>How a column's values are written.</summary>
public enum ColumnKind
{
    /// <summary>The row id.</summary>
    Id,

    /// <summary>ISO 8601 UTC to the second.</summary>
    Timestamp,

    /// <summary>A number with a fixed count of decimals.</summary>
    Number,

    /// <summary>One of <see cref="Column.Categories"/>.</summary>
    Category,
}
