namespace PPipe.Grains.Interfaces.Datasets;

/// <summary>What the values of a dataset's column are, as inferred from every value of the upload.</summary>
public enum ColumnType
{
    /// <summary>Decimal numbers.</summary>
    Number,

    /// <summary>Whole numbers.</summary>
    Integer,

    /// <summary>Few distinct strings, repeated: a label, a region, a product class.</summary>
    Category,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>Dates or dates with times (ISO 8601 and the invariant culture's forms).</summary>
    Timestamp,

    /// <summary>Strings with many distinct values: names, free text, codes.</summary>
    Text,
}
