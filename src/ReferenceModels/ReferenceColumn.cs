namespace PPipe.ReferenceModels;

/// <summary>
/// One feature of a <see cref="ReferenceTable"/>. <see cref="Values"/> holds a number per row, or for a category the
/// index of its level (0, 1, 2...; an index no other row uses is fine); <see cref="double.NaN"/> is a missing value.
/// </summary>
public sealed record ReferenceColumn(string Name, bool IsCategory, double[] Values);
