using System.Globalization;
using System.Text;
using CsvHelper;

namespace PPipe.Grains.Client.Research;

/// <summary>A research table as CSV (RFC 4180, UTF-8 without a byte order mark): a header of the column names, then one line a row.</summary>
internal sealed class CsvTableWriter : ResearchTableWriter
{
    private readonly ResearchTable _table;
    private readonly StreamWriter _text;
    private readonly CsvWriter _csv;

    private CsvTableWriter(ResearchTable table, Stream output)
    {
        _table = table;
        _text = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        _csv = new CsvWriter(_text, CultureInfo.InvariantCulture);
    }

    public static async Task<ResearchTableWriter> CreateAsync(ResearchTable table, Stream output)
    {
        var writer = new CsvTableWriter(table, output);
        foreach (var column in table.Columns)
        {
            writer._csv.WriteField(column.Name);
        }

        await writer._csv.NextRecordAsync();
        return writer;
    }

    public override async ValueTask WriteAsync(object?[] row, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentOutOfRangeException.ThrowIfNotEqual(row.Length, _table.Columns.Length, nameof(row));
        for (var i = 0; i < row.Length; i++)
        {
            _csv.WriteField(Format(row[i]));
        }

        await _csv.NextRecordAsync();
    }

    public override async ValueTask CompleteAsync(CancellationToken ct = default)
    {
        await _csv.FlushAsync();
        await _text.FlushAsync(ct);
    }

    public override async ValueTask DisposeAsync()
    {
        await _csv.DisposeAsync();
        await _text.DisposeAsync();
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        int n => n.ToString(CultureInfo.InvariantCulture),
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "",
        bool b => b ? "true" : "false",
        DateTimeOffset t => ParquetTableWriter.Timestamp(t),
        _ => throw new ArgumentException($"A research value of type {value.GetType().Name} has no CSV form.", nameof(value)),
    };
}
