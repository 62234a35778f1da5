using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace PPipe.Grains.Client.Research;

/// <summary>
/// A research table as Parquet: one column of the table's type each, rows buffered up to <see cref="RowGroupSize"/> and written
/// as a row group, so memory stays flat however many rows pass. Parquet.Net needs a seekable stream (the caller spills to a file).
/// </summary>
internal sealed class ParquetTableWriter : ResearchTableWriter
{
    public const int RowGroupSize = 8_192;

    private readonly ParquetWriter _writer;
    private readonly ColumnBuffer[] _columns;
    private int _count;

    private ParquetTableWriter(ParquetWriter writer, ColumnBuffer[] columns)
    {
        _writer = writer;
        _columns = columns;
    }

    public static async Task<ResearchTableWriter> CreateAsync(ResearchTable table, Stream output, CancellationToken ct)
    {
        var columns = table.Columns.Select(ColumnBuffer.For).ToArray();
        var writer = await ParquetWriter.CreateAsync(new ParquetSchema(columns.Select(c => c.Field)), output, cancellationToken: ct);
        return new ParquetTableWriter(writer, columns);
    }

    /// <summary>The text of an instant in both formats: ISO 8601, UTC.</summary>
    public static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public override async ValueTask WriteAsync(object?[] row, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentOutOfRangeException.ThrowIfNotEqual(row.Length, _columns.Length, nameof(row));
        for (var i = 0; i < row.Length; i++)
        {
            _columns[i].Set(_count, row[i]);
        }

        if (++_count == RowGroupSize)
        {
            await FlushAsync(ct);
        }
    }

    public override async ValueTask CompleteAsync(CancellationToken ct = default)
    {
        await FlushAsync(ct);
        await _writer.DisposeAsync();
    }

    public override ValueTask DisposeAsync() => _writer.DisposeAsync();

    private async Task FlushAsync(CancellationToken ct)
    {
        if (_count == 0)
        {
            return;
        }

        using (var group = _writer.CreateRowGroup())
        {
            foreach (var column in _columns)
            {
                await column.WriteAsync(group, _count, ct);
            }

            group.CompleteValidate();
        }

        _count = 0;
    }

    /// <summary>One column's values of the row group being filled.</summary>
    private abstract class ColumnBuffer
    {
        public abstract DataField Field { get; }

        public abstract void Set(int index, object? value);

        public abstract Task WriteAsync(ParquetRowGroupWriter group, int count, CancellationToken ct);

        public static ColumnBuffer For(ResearchColumn column) => column.Type switch
        {
            ResearchColumnType.Text or ResearchColumnType.Timestamp => new TextBuffer(column.Name, column.Nullable),
            ResearchColumnType.Integer => new ValueBuffer<int>(column.Name),
            ResearchColumnType.Number => new ValueBuffer<double>(column.Name),
            ResearchColumnType.Boolean => new ValueBuffer<bool>(column.Name),
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Not a research column type."),
        };
    }

    private sealed class TextBuffer(string name, bool nullable) : ColumnBuffer
    {
        private readonly string?[] _values = new string?[RowGroupSize];

        public override DataField Field { get; } = new DataField<string>(name, nullable);

        public override void Set(int index, object? value) => _values[index] = value switch
        {
            null => null,
            string s => s,
            DateTimeOffset t => Timestamp(t),
            _ => throw new ArgumentException($"Column {Field.Name} takes text, not {value.GetType().Name}.", nameof(value)),
        };

        public override Task WriteAsync(ParquetRowGroupWriter group, int count, CancellationToken ct) =>
            group.WriteAsync(Field, new ArraySegment<string>(_values!, 0, count));
    }

    /// <summary>Values of a struct type, stored as an optional column so an empty value is a null, never a made-up zero.</summary>
    private sealed class ValueBuffer<T>(string name) : ColumnBuffer where T : struct
    {
        private readonly T?[] _values = new T?[RowGroupSize];

        public override DataField Field { get; } = new DataField<T?>(name);

        public override void Set(int index, object? value) => _values[index] = value switch
        {
            null => null,
            double d when !double.IsFinite(d) => null,
            T v => v,
            _ => throw new ArgumentException($"Column {Field.Name} takes {typeof(T).Name}, not {value.GetType().Name}.", nameof(value)),
        };

        public override Task WriteAsync(ParquetRowGroupWriter group, int count, CancellationToken ct) =>
            group.WriteAsync<T>(Field, new ReadOnlyMemory<T?>(_values, 0, count), cancellationToken: ct);
    }
}
