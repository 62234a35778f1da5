namespace PPipe.Grains.Client.Research;

/// <summary>The type of a research column, as the data dictionary names it and both writers store it.</summary>
public enum ResearchColumnType
{
    /// <summary>UTF-8 text.</summary>
    Text,

    /// <summary>A 32-bit whole number.</summary>
    Integer,

    /// <summary>A 64-bit floating-point number.</summary>
    Number,

    /// <summary><c>true</c> or <c>false</c>.</summary>
    Boolean,

    /// <summary>An instant in UTC, written as ISO 8601 text (<c>2027-02-01T10:00:00.0000000+00:00</c>) in both formats.</summary>
    Timestamp,
}
