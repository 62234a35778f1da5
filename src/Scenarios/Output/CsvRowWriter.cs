using System.IO.Pipelines;

namespace PPipe.Scenarios.Output;

/// <summary>
/// Streams rows as CSV (header line, comma separated, <c>\n</c> line ends, RFC 4180 quoting, invariant
/// culture, fixed decimals, empty fields for missing values) straight into UTF-8 buffers of the
/// destination. Rows are formatted one at a time and flushed every few tens of kilobytes, so memory stays
/// flat however large the release.
/// </summary>
public static class CsvRowWriter
{
    private const int FlushThreshold = 32 * 1024;

    /// <summary>Writes every row of <paramref name="rows"/>; returns the number of rows written.</summary>
    public static async Task<long> WriteAsync(RowReader rows, Stream destination, CancellationToken cancellationToken = default)
    {
        var pipe = PipeWriter.Create(destination, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true));
        var count = await WriteAsync(rows, pipe, cancellationToken);
        await pipe.CompleteAsync();
        return count;
    }

    /// <summary>Writes every row of <paramref name="rows"/> (e.g. to an HTTP response's body writer); returns
    /// the number of rows written. Does not complete the writer.</summary>
    public static async Task<long> WriteAsync(RowReader rows, PipeWriter destination, CancellationToken cancellationToken = default)
    {
        var columns = rows.Columns;
        WriteHeader(columns, destination);
        var count = 0L;
        var pending = 0L;
        var estimate = 16 + columns.Count * 24;
        while (rows.Read())
        {
            var written = WriteRow(rows, columns, destination, ref estimate);
            pending += written;
            count++;
            if (pending >= FlushThreshold)
            {
                pending = 0;
                var result = await destination.FlushAsync(cancellationToken);
                if (result.IsCompleted)
                {
                    return count; // the reader went away
                }
            }
        }

        await destination.FlushAsync(cancellationToken);
        return count;
    }

    private static void WriteHeader(IReadOnlyList<Column> columns, PipeWriter destination)
    {
        for (var c = 0; c < columns.Count; c++)
        {
            var name = columns[c].CsvName;
            var span = destination.GetSpan(name.Length + 1);
            name.CopyTo(span);
            span[name.Length] = (byte)(c == columns.Count - 1 ? '\n' : ',');
            destination.Advance(name.Length + 1);
        }
    }

    private static int WriteRow(RowReader rows, IReadOnlyList<Column> columns, PipeWriter destination, ref int estimate)
    {
        while (true)
        {
            var span = destination.GetSpan(estimate);
            if (TryFormatRow(rows, columns, span, out var written))
            {
                destination.Advance(written);
                return written;
            }

            estimate *= 4;
        }
    }

    private static bool TryFormatRow(RowReader rows, IReadOnlyList<Column> columns, Span<byte> span, out int position)
    {
        position = 0;
        for (var c = 0; c < columns.Count; c++)
        {
            if (c > 0)
            {
                if (position >= span.Length)
                {
                    return false;
                }

                span[position++] = (byte)',';
            }

            var column = columns[c];
            int written;
            switch (column.Kind)
            {
                case ColumnKind.Id:
                    if (!rows.Id.TryFormat(span[position..], out written))
                    {
                        return false;
                    }

                    break;
                case ColumnKind.Timestamp:
                    if (!ValueText.TryFormatTimestamp(rows.Timestamp, span[position..], out written))
                    {
                        return false;
                    }

                    break;
                default:
                    var value = rows.GetValue(c);
                    if (double.IsNaN(value))
                    {
                        written = 0;
                    }
                    else if (column.Kind == ColumnKind.Number)
                    {
                        if (!ValueText.TryFormatNumber(value, column, span[position..], out written))
                        {
                            return false;
                        }
                    }
                    else
                    {
                        var category = column.CsvCategories[(int)value];
                        if (!category.AsSpan().TryCopyTo(span[position..]))
                        {
                            return false;
                        }

                        written = category.Length;
                    }

                    break;
            }

            position += written;
        }

        if (position >= span.Length)
        {
            return false;
        }

        span[position++] = (byte)'\n';
        return true;
    }
}
