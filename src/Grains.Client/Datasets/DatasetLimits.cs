namespace PPipe.Grains.Client.Datasets;

/// <summary>The bounds of a dataset that keep profiling in bounded memory and a version's profile small.</summary>
public static class DatasetLimits
{
    /// <summary>The most columns a dataset may have.</summary>
    public const int MaxColumns = 200;

    /// <summary>Distinct values a column counts exactly; past this the count is an estimate and the exact set is dropped.</summary>
    public const int ExactDistinct = 16_384;

    /// <summary>The most rows in one stored chunk.</summary>
    public const int ChunkRows = 8_192;

    /// <summary>The most bytes in one stored chunk (a chunk ends at whichever limit comes first).</summary>
    public const int ChunkBytes = 4 << 20;

    /// <summary>The most bytes (uncompressed) one row group of a Parquet upload may hold: reading holds one row group at a time.</summary>
    public const long MaxParquetRowGroupBytes = 256L << 20;
}
