namespace PPipe.Grains.Client.Research;

/// <summary>Writes the rows of one <see cref="ResearchTable"/>, each value of the type its column says (or null where it may be empty).</summary>
public abstract class ResearchTableWriter : IAsyncDisposable
{
    /// <summary>A writer of <paramref name="table"/> in <paramref name="format"/> onto <paramref name="output"/> (left open).</summary>
    public static async Task<ResearchTableWriter> CreateAsync(ResearchTable table, ResearchFormat format, Stream output, CancellationToken ct = default) =>
        format == ResearchFormat.Parquet
            ? await ParquetTableWriter.CreateAsync(table, output, ct)
            : await CsvTableWriter.CreateAsync(table, output);

    public abstract ValueTask WriteAsync(object?[] row, CancellationToken ct = default);

    /// <summary>Writes whatever is buffered and ends the file; the writer takes no rows after.</summary>
    public abstract ValueTask CompleteAsync(CancellationToken ct = default);

    public abstract ValueTask DisposeAsync();
}
