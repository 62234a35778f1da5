namespace PPipe.Grains.Client.Datasets;

/// <summary>
/// The type a file states for a column before any value is read. CSV states none, so every column's type is inferred from
/// its values; a Parquet schema states one, and the profile follows it rather than second-guessing the values.
/// </summary>
internal enum DeclaredType
{
    /// <summary>Nothing stated (CSV): the values decide.</summary>
    None,

    /// <summary>Whole numbers of any width.</summary>
    Integer,

    /// <summary>Floating point and decimal numbers.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>Dates and timestamps.</summary>
    Timestamp,

    /// <summary>Strings: category or text by how often values repeat, never a number even if the strings look like one.</summary>
    String,
}
