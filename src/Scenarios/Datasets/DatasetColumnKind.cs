namespace PPipe.Scenarios.Datasets;

/// <summary>A dataset column's type as its profile decided it when it was uploaded.</summary>
public enum DatasetColumnKind
{
    Number,
    Integer,
    Boolean,
    Timestamp,
    Category,
    Text,
}
