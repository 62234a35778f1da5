namespace PPipe.Grains.Client.Datasets;

/// <summary>
/// Reads a row range of a stored dataset version: only the chunks that hold it are fetched, and rows are cut out of the
/// first and last chunk by their line ends (outside quotes: a quoted value may hold a line break).
/// </summary>
public static class DatasetRows
{
    /// <summary>Writes rows <paramref name="fromRow"/> (0-based) to <paramref name="fromRow"/> + <paramref name="count"/> − 1 to <paramref name="output"/>.</summary>
    public static async Task WriteAsync(IDatasetStore store, Guid upload, long fromRow, long count, Stream output, CancellationToken cancellationToken)
    {
        var end = fromRow + count;
        await foreach (var chunk in store.ReadAsync(upload, fromRow, cancellationToken))
        {
            if (chunk.FirstRow >= end)
            {
                return;
            }

            var skip = Math.Max(0, fromRow - chunk.FirstRow);
            var take = Math.Min(chunk.FirstRow + chunk.Rows, end) - chunk.FirstRow - skip;
            if (skip == 0 && take == chunk.Rows)
            {
                await output.WriteAsync(chunk.Data, cancellationToken);
                continue;
            }

            var start = RowStart(chunk.Data.Span, skip);
            var stop = RowStart(chunk.Data.Span, skip + take);
            await output.WriteAsync(chunk.Data[start..stop], cancellationToken);
        }
    }

    /// <summary>The byte offset where row <paramref name="row"/> of a chunk starts (the chunk's length past its last row).</summary>
    private static int RowStart(ReadOnlySpan<byte> data, long row)
    {
        var quoted = false;
        var offset = 0;
        for (long seen = 0; seen < row && offset < data.Length; offset++)
        {
            switch (data[offset])
            {
                case (byte)'"':
                    quoted = !quoted;
                    break;
                case (byte)'\n' when !quoted:
                    seen++;
                    break;
            }
        }

        return offset;
    }
}
