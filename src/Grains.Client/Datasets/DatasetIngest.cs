using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using PPipe.Grains.Interfaces.Datasets;

namespace PPipe.Grains.Client.Datasets;

/// <summary>
/// Takes an uploaded CSV file in one pass: checks its shape, profiles every column and stages its rows re-encoded in
/// chunks, all while it streams in, in memory bounded by the column count (never by the file's size). A Parquet file is
/// first spilled to a temporary file (deleted when closed), within the same size limit, then read row group by row group
/// into the same profiler and chunks. The upload is sealed only when the whole file was good; on any failure — a bad
/// file, the client going away, the store failing — the staged chunks are discarded before this returns or throws, so
/// nothing of it is left.
/// </summary>
public sealed class DatasetIngest(IDatasetStore store)
{
    private static readonly CsvConfiguration Csv = new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = true,
        IgnoreBlankLines = true,
        DetectColumnCountChanges = false,
    };

    /// <summary>Reads <paramref name="body"/>, a file in <paramref name="format"/> of at most <paramref name="maxBytes"/>, into a sealed upload of <paramref name="datasetId"/>.</summary>
    public async Task<IngestResult> IngestAsync(string datasetId, DatasetFormat format, Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        if (format == DatasetFormat.Csv)
        {
            return await StageAsync(datasetId, upload => ReadCsvAsync(upload, new LimitedStream(body, maxBytes), cancellationToken), cancellationToken);
        }

        await using var file = new FileStream(Path.Combine(Path.GetTempPath(), "ppipe-dataset-" + Path.GetRandomFileName()), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, bufferSize: 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await new LimitedStream(body, maxBytes).CopyToAsync(file, cancellationToken);
        }
        catch (DatasetFileException refused)
        {
            return new IngestResult(null, null, refused.Problem);
        }

        return await StageAsync(datasetId, upload => ParquetDatasetReader.ReadAsync(file, store, upload, cancellationToken), cancellationToken);
    }

    private async Task<IngestResult> StageAsync(string datasetId, Func<Guid, Task<DatasetProfile>> read, CancellationToken cancellationToken)
    {
        var upload = await store.BeginAsync(datasetId, cancellationToken);
        var sealedUpload = false;
        try
        {
            var profile = await read(upload);
            await store.SealAsync(upload, cancellationToken);
            sealedUpload = true;
            return new IngestResult(upload, profile, null);
        }
        catch (DatasetFileException refused)
        {
            return new IngestResult(null, null, refused.Problem);
        }
        finally
        {
            if (!sealedUpload)
            {
                // The request may be aborted: discarding must not depend on its token.
                await store.DiscardAsync(upload, CancellationToken.None);
            }
        }
    }

    private async Task<DatasetProfile> ReadCsvAsync(Guid upload, LimitedStream body, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        using var parser = new CsvParser(reader, Csv);
        long row = 0;
        try
        {
            var columns = await ReadHeaderAsync(parser);
            var chunks = new ChunkWriter();
            while (await parser.ReadAsync())
            {
                cancellationToken.ThrowIfCancellationRequested();
                row++;
                var fields = parser.Record ?? [];
                if (fields.Length != columns.Length)
                {
                    throw Ragged(row, fields.Length, columns);
                }

                for (var i = 0; i < fields.Length; i++)
                {
                    columns[i].Observe(fields[i], row);
                }

                if (chunks.Add(fields) is { } full)
                {
                    await store.AppendAsync(upload, full, cancellationToken);
                }
            }

            if (row == 0)
            {
                throw Invalid("The file has a header but no rows: a dataset needs at least one row.", 0);
            }

            if (chunks.Flush() is { } last)
            {
                await store.AppendAsync(upload, last, cancellationToken);
            }

            return new DatasetProfile(row, body.BytesRead, [.. columns.Select(c => c.Complete())]);
        }
        catch (DecoderFallbackException)
        {
            throw Invalid($"Row {row + 1} is not UTF-8 text. Save the file as UTF-8 (CSV UTF-8 in spreadsheet programs).", row + 1);
        }
        catch (CsvHelperException bad) when (bad is BadDataException or ParserException)
        {
            throw Invalid($"Row {row + 1} is not well-formed CSV: a quoted value is not closed or a quote stands inside an unquoted value.", row + 1);
        }
    }

    private static async Task<ColumnProfiler[]> ReadHeaderAsync(CsvParser parser)
    {
        if (!await parser.ReadAsync() || parser.Record is not { Length: > 0 } names || names is [""])
        {
            throw Invalid("The file is empty: its first line must name the columns, separated by commas.", 0);
        }

        CheckColumnNames(names, numbersAreNames: false);
        return [.. names.Select(n => new ColumnProfiler(n))];
    }

    /// <summary>
    /// Refuses too many columns, an empty name or a repeated one. A plain number is refused too unless
    /// <paramref name="numbersAreNames"/>: in a CSV's first line it reads as data (no header), while a Parquet schema only holds names.
    /// </summary>
    internal static void CheckColumnNames(string[] names, bool numbersAreNames)
    {
        if (names.Length > DatasetLimits.MaxColumns)
        {
            throw Invalid($"The file has {names.Length} columns; a dataset may have at most {DatasetLimits.MaxColumns}.", 0);
        }

        if (!numbersAreNames && names.FirstOrDefault(n => double.TryParse(n, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) is { } number)
        {
            throw Invalid($"The first line ('{ColumnProfiler.Shorten(string.Join(",", names))}') has '{number}' where a column name belongs: " +
                "it must name the columns, and a plain number reads as data. Put a header such as feature_1,feature_2,...,label first.", 0, number);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(names[i]))
            {
                throw Invalid($"Column {i + 1} of the header has no name.", 0, $"#{i + 1}");
            }

            if (!seen.Add(names[i]))
            {
                throw Invalid($"The header names column '{names[i]}' twice.", 0, names[i]);
            }
        }
    }

    private static DatasetFileException Ragged(long row, int count, ColumnProfiler[] columns) =>
        count < columns.Length
            ? Invalid($"Row {row} has {count} values, but the header names {columns.Length} columns: '{columns[count].Name}' and after are missing. " +
                "Leave a value empty (two commas in a row) rather than out.", row, columns[count].Name)
            : Invalid($"Row {row} has {count} values, but the header names {columns.Length} columns: value {columns.Length + 1} has no column.", row,
                $"#{columns.Length + 1}");

    internal static DatasetFileException Invalid(string message, long row, string? column = null) =>
        new(new DatasetFileProblem(DatasetFileProblemKind.Invalid, message, row, column));
}
