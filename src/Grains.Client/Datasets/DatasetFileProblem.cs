namespace PPipe.Grains.Client.Datasets;

/// <summary>
/// Why an uploaded file was refused. <see cref="Row"/> counts data rows from 1 (the first row after the header; 0 is
/// the header itself); <see cref="Column"/> is the column's name, when one is to blame.
/// </summary>
public sealed record DatasetFileProblem(DatasetFileProblemKind Kind, string Message, long? Row = null, string? Column = null);

/// <summary>Whether a refused file was too large or malformed.</summary>
public enum DatasetFileProblemKind
{
    /// <summary>The body was larger than the configured limit.</summary>
    TooLarge,

    /// <summary>The content is not a usable dataset (ragged rows, mixed types, no rows, bad encoding...).</summary>
    Invalid,
}
