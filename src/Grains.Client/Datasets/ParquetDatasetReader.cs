using System.Globalization;
using System.Text;
using Parquet;
using Parquet.Schema;
using PPipe.Grains.Interfaces.Datasets;

namespace PPipe.Grains.Client.Datasets;

/// <summary>
/// Reads an uploaded Parquet file (already on disk: Parquet's footer comes last, so it needs a seekable file) into the same
/// profiler and chunk writer as a CSV upload. Each value is written as the text a CSV of the same table holds, so a Parquet
/// file and its CSV give the same stored rows; each column's type comes from the schema. Memory is bounded by the largest
/// row group (refused past <see cref="DatasetLimits.MaxParquetRowGroupBytes"/>), never by the file.
/// </summary>
internal static class ParquetDatasetReader
{
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    private static readonly ParquetOptions Options = new() { UseDateOnlyTypeForDates = true };

    public static async Task<DatasetProfile> ReadAsync(Stream file, IDatasetStore store, Guid upload, CancellationToken cancellationToken)
    {
        await CheckMagicAsync(file, cancellationToken);
        await using var reader = await ParquetCallAsync(0, null,
            () => ParquetReader.CreateAsync(file, Options, leaveStreamOpen: true, cancellationToken));
        var columns = Columns(reader.Schema);
        var profilers = columns.Select(c => new ColumnProfiler(c.Field.Name, c.Declared)).ToArray();
        DatasetIngest.CheckColumnNames([.. profilers.Select(p => p.Name)], numbersAreNames: true);

        var chunks = new ChunkWriter();
        var fields = new string[columns.Length];
        long row = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            if (group.RowGroup.TotalByteSize > DatasetLimits.MaxParquetRowGroupBytes)
            {
                throw DatasetIngest.Invalid($"Row group {g + 1} (from row {row + 1}) holds {group.RowGroup.TotalByteSize:N0} bytes uncompressed; " +
                    $"a row group may hold at most {DatasetLimits.MaxParquetRowGroupBytes:N0}. Write the file with smaller row groups " +
                    "(pyarrow and pandas: row_group_size=100_000).", row + 1);
            }

            var count = checked((int)group.RowCount);
            foreach (var column in columns)
            {
                await ParquetCallAsync(row + 1, column.Field.Name, async () =>
                {
                    await column.LoadAsync(group, count, cancellationToken);
                    return true;
                });
            }

            for (var i = 0; i < count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                row++;
                for (var c = 0; c < columns.Length; c++)
                {
                    fields[c] = columns[c].Text(i, row);
                    profilers[c].Observe(fields[c], row);
                }

                if (chunks.Add(fields) is { } full)
                {
                    await store.AppendAsync(upload, full, cancellationToken);
                }
            }
        }

        if (row == 0)
        {
            throw DatasetIngest.Invalid("The Parquet file has columns but no rows: a dataset needs at least one row.", 0);
        }

        if (chunks.Flush() is { } last)
        {
            await store.AppendAsync(upload, last, cancellationToken);
        }

        return new DatasetProfile(row, file.Length, [.. profilers.Select(p => p.Complete())]);
    }

    /// <summary>A Parquet file starts and ends with PAR1: telling "not Parquet at all" from "cut off" gives the instructor the right fix.</summary>
    private static async Task CheckMagicAsync(Stream file, CancellationToken cancellationToken)
    {
        var head = new byte[4];
        var tail = new byte[4];
        file.Position = 0;
        var headRead = await file.ReadAtLeastAsync(head, 4, throwOnEndOfStream: false, cancellationToken);
        if (headRead < 4 || !head.AsSpan().SequenceEqual(Magic))
        {
            throw DatasetIngest.Invalid("The file is not a Parquet file: it does not start with PAR1. Send a CSV file as text/csv, " +
                "or write the table with pandas, pyarrow or polars (to_parquet, write_parquet).", 0);
        }

        file.Position = Math.Max(4, file.Length - 4);
        var tailRead = await file.ReadAtLeastAsync(tail, 4, throwOnEndOfStream: false, cancellationToken);
        if (file.Length < 12 || tailRead < 4 || !tail.AsSpan().SequenceEqual(Magic))
        {
            throw DatasetIngest.Invalid($"The Parquet file is cut off after {file.Length:N0} bytes: it does not end with its footer (PAR1). " +
                "Upload the whole file.", 0);
        }

        file.Position = 0;
    }

    private static ParquetColumn[] Columns(ParquetSchema schema)
    {
        if (schema.Fields.Count == 0)
        {
            throw DatasetIngest.Invalid("The Parquet file has no columns.", 0);
        }

        return [.. schema.Fields.Select(field => field is DataField { IsArray: false, MaxRepetitionLevel: 0 } data
            ? ParquetColumn.For(data)
            : throw DatasetIngest.Invalid($"Column '{field.Name}' is {Nested(field)}: a dataset is a flat table of single values per row. " +
                "Flatten it into one column per value (pandas: json_normalize or explode) or drop it before uploading.", 0, field.Name))];
    }

    private static string Nested(Field field) => field.SchemaType switch
    {
        SchemaType.List => "a list",
        SchemaType.Map => "a map",
        SchemaType.Struct => "a struct",
        _ => "repeated",
    };

    /// <summary>Runs a call into Parquet.Net, turning its complaints about a damaged file into a refusal naming where it was reading.</summary>
    private static async Task<T> ParquetCallAsync<T>(long row, string? column, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception damaged) when (damaged is not (OperationCanceledException or DatasetFileException))
        {
            var where = column is null ? "its footer" : $"column '{column}' from row {row}";
            throw DatasetIngest.Invalid($"The Parquet file is damaged: reading {where} failed ({damaged.Message}). " +
                "Write the file again and upload it whole.", column is null ? 0 : row, column);
        }
    }

    /// <summary>One column's values of the row group being read, and how each is written as CSV text.</summary>
    private abstract class ParquetColumn(DataField data, DeclaredType declared)
    {
        public DataField Field => data;

        public DeclaredType Declared => declared;

        public abstract Task LoadAsync(ParquetRowGroupReader group, int count, CancellationToken cancellationToken);

        /// <summary>The value at <paramref name="index"/> of the row group as text; a null is empty, a missing value as in CSV.</summary>
        public abstract string Text(int index, long row);

        public static ParquetColumn For(DataField field) => (Nullable.GetUnderlyingType(field.ClrType) ?? field.ClrType) switch
        {
            var t when t == typeof(bool) => new ValueColumn<bool>(field, DeclaredType.Boolean, v => v ? "true" : "false"),
            var t when t == typeof(sbyte) => Integer<sbyte>(field),
            var t when t == typeof(byte) => Integer<byte>(field),
            var t when t == typeof(short) => Integer<short>(field),
            var t when t == typeof(ushort) => Integer<ushort>(field),
            var t when t == typeof(int) => Integer<int>(field),
            var t when t == typeof(uint) => Integer<uint>(field),
            var t when t == typeof(long) => Integer<long>(field),
            var t when t == typeof(ulong) => Integer<ulong>(field),
            var t when t == typeof(Half) => new ValueColumn<Half>(field, DeclaredType.Number, v => Floating(Half.IsFinite(v), v.ToString("R", CultureInfo.InvariantCulture))),
            var t when t == typeof(float) => new ValueColumn<float>(field, DeclaredType.Number, v => Floating(float.IsFinite(v), v.ToString("R", CultureInfo.InvariantCulture))),
            var t when t == typeof(double) => new ValueColumn<double>(field, DeclaredType.Number, v => Floating(double.IsFinite(v), v.ToString("R", CultureInfo.InvariantCulture))),
            var t when t == typeof(decimal) => new ValueColumn<decimal>(field, DeclaredType.Number, v => v.ToString(CultureInfo.InvariantCulture)),
            var t when t == typeof(DateTime) => new ValueColumn<DateTime>(field, DeclaredType.Timestamp,
                v => Time(v, field is DateTimeDataField { IsAdjustedToUTC: true })),
            var t when t == typeof(DateTimeOffset) => new ValueColumn<DateTimeOffset>(field, DeclaredType.Timestamp, v => Time(v.UtcDateTime, utc: true)),
            var t when t == typeof(DateOnly) => new ValueColumn<DateOnly>(field, DeclaredType.Timestamp, v => v.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            var t when t == typeof(TimeOnly) => new ValueColumn<TimeOnly>(field, DeclaredType.String, v => v.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            var t when t == typeof(TimeSpan) => new ValueColumn<TimeSpan>(field, DeclaredType.String, v => v.ToString("c", CultureInfo.InvariantCulture)),
            var t when t == typeof(Guid) => new ValueColumn<Guid>(field, DeclaredType.String, v => v.ToString("D", CultureInfo.InvariantCulture)),
            var t when t == typeof(string) || t == typeof(ReadOnlyMemory<char>) => new StringColumn(field),
            var t when t == typeof(byte[]) || t == typeof(ReadOnlyMemory<byte>) => new BytesColumn(field),
            var t => throw DatasetIngest.Invalid($"Column '{field.Name}' has Parquet values of type {t.Name}, which a dataset cannot hold. " +
                "Cast it to a number, a string or a timestamp before uploading.", 0, field.Name),
        };

        private static ValueColumn<T> Integer<T>(DataField field) where T : struct, IFormattable =>
            new(field, DeclaredType.Integer, v => v.ToString(null, CultureInfo.InvariantCulture));

        /// <summary>A floating point value keeps a decimal point ("6.0", as pandas writes it), so it stays a number, never an integer; infinities are missing.</summary>
        private static string Floating(bool finite, string text) =>
            !finite ? "" : text.AsSpan().IndexOfAny('.', 'E') < 0 ? text + ".0" : text;

        /// <summary>ISO 8601, with a Z when the schema says the time is adjusted to UTC, without a zone when it is a wall-clock time.</summary>
        private static string Time(DateTime value, bool utc) =>
            utc || value.Kind == DateTimeKind.Utc
                ? (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)
                : value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
    }

    /// <summary>Values of a struct type; the buffers grow to the largest row group and are reused for the next.</summary>
    private sealed class ValueColumn<T>(DataField data, DeclaredType declared, Func<T, string> format) : ParquetColumn(data, declared)
        where T : struct
    {
        private T?[] _nullable = [];
        private T[] _required = [];

        public override async Task LoadAsync(ParquetRowGroupReader group, int count, CancellationToken cancellationToken)
        {
            if (Field.IsNullable)
            {
                Grow(ref _nullable, count);
                await group.ReadAsync<T>(Field, _nullable.AsMemory(0, count), null, cancellationToken);
            }
            else
            {
                Grow(ref _required, count);
                await group.ReadAsync<T>(Field, _required.AsMemory(0, count), null, cancellationToken);
            }
        }

        public override string Text(int index, long row) =>
            !Field.IsNullable ? format(_required[index]) : _nullable[index] is { } value ? format(value) : "";
    }

    private sealed class StringColumn(DataField data) : ParquetColumn(data, DeclaredType.String)
    {
        private string?[] _values = [];

        public override async Task LoadAsync(ParquetRowGroupReader group, int count, CancellationToken cancellationToken)
        {
            Grow(ref _values, count);
            await group.ReadAsync(Field, _values.AsMemory(0, count), null, cancellationToken);
        }

        public override string Text(int index, long row) => _values[index] ?? "";
    }

    /// <summary>Byte arrays without a string annotation: text when they are UTF-8, refused like a CSV's bad bytes when not.</summary>
    private sealed class BytesColumn(DataField data) : ParquetColumn(data, DeclaredType.String)
    {
        private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        private byte[]?[] _values = [];

        public override async Task LoadAsync(ParquetRowGroupReader group, int count, CancellationToken cancellationToken)
        {
            Grow(ref _values, count);
            await group.ReadAsync(Field, _values.AsMemory(0, count), null, cancellationToken);
        }

        public override string Text(int index, long row)
        {
            try
            {
                return _values[index] is { } bytes ? Utf8.GetString(bytes) : "";
            }
            catch (DecoderFallbackException)
            {
                throw DatasetIngest.Invalid($"Row {row} of column '{Field.Name}' holds bytes that are not UTF-8 text. " +
                    "Store text columns as UTF-8 strings.", row, Field.Name);
            }
        }
    }

    private static void Grow<T>(ref T[] buffer, int count)
    {
        if (buffer.Length < count)
        {
            buffer = new T[count];
        }
    }
}
