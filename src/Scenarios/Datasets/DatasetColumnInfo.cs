namespace PPipe.Scenarios.Datasets;

/// <summary>A column of a stored dataset version: its name and profiled type.</summary>
public sealed record DatasetColumnInfo(string Name, DatasetColumnKind Kind);
