using System.Collections.Immutable;

namespace PPipe.Grains.Client.Research;

/// <summary>
/// One file of a research export: its name without extension, what one row is, and its columns. The writers take their header
/// and schema from here and the data dictionary is written from here, so the two cannot disagree.
/// </summary>
public sealed record ResearchTable(string Name, string Row, ImmutableArray<ResearchColumn> Columns)
{
    public string FileName(ResearchFormat format) => Name + (format == ResearchFormat.Parquet ? ".parquet" : ".csv");
}
