namespace PPipe.Frontend.Datasets;

/// <summary>An entry of a refused upload's <c>errors</c>: the data row (from 1; 0 is the header) and column to blame, and why.</summary>
public sealed record DatasetFileError(long? Row, string? Column, string Message);
