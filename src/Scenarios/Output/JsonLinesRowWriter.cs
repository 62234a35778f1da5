using System.IO.Pipelines;
using System.Text.Json;

namespace PPipe.Scenarios.Output;

/// <summary>
/// Streams rows as JSON Lines: one object per line with the same values and digits as the CSV, missing
/// values as <c>null</c>. Like <see cref="CsvRowWriter"/>, it formats one row at a time and flushes often.
/// </summary>
public static class JsonLinesRowWriter
{
    private const int FlushThreshold = 32 * 1024;

    public static async Task<long> WriteAsync(RowReader rows, Stream destination, CancellationToken cancellationToken = default)
    {
        var pipe = PipeWriter.Create(destination, new StreamPipeWriterOptions(minimumBufferSize: 64 * 1024, leaveOpen: true));
        var count = await WriteAsync(rows, pipe, cancellationToken);
        await pipe.CompleteAsync();
        return count;
    }

    /// <summary>Writes every row; returns the number of rows written. Does not complete the writer.</summary>
    public static async Task<long> WriteAsync(RowReader rows, PipeWriter destination, CancellationToken cancellationToken = default)
    {
        using var json = new Utf8JsonWriter(destination, new JsonWriterOptions { SkipValidation = true });
        var count = 0L;
        var pending = 0L;
        while (rows.Read())
        {
            pending += WriteLine(json, rows, destination);
            count++;
            if (pending >= FlushThreshold)
            {
                pending = 0;
                var result = await destination.FlushAsync(cancellationToken);
                if (result.IsCompleted)
                {
                    return count;
                }
            }
        }

        await destination.FlushAsync(cancellationToken);
        return count;
    }

    private static long WriteLine(Utf8JsonWriter json, RowReader rows, PipeWriter destination)
    {
        JsonRowFormat.WriteObject(json, rows, includeId: true);
        json.Flush();
        var written = json.BytesCommitted + 1;
        destination.GetSpan(1)[0] = (byte)'\n';
        destination.Advance(1);
        json.Reset(destination);
        return written;
    }
}
