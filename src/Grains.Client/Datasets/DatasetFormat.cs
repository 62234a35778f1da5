namespace PPipe.Grains.Client.Datasets;

/// <summary>How an uploaded dataset file is encoded.</summary>
public enum DatasetFormat
{
    /// <summary>UTF-8 CSV with a header line, read as it streams in.</summary>
    Csv,

    /// <summary>Apache Parquet, spilled to a temporary file (its footer is at the end) and read row group by row group.</summary>
    Parquet,
}
