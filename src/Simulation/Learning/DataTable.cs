using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace PPipe.Simulation.Learning;

/// <summary>
/// Rows of text cells under named columns, as a student's program holds a downloaded CSV or the instances
/// of a prediction request. A blank cell is a missing value. Immutable.
/// </summary>
public sealed class DataTable
{
    private static readonly CsvConfiguration Csv = new(CultureInfo.InvariantCulture)
    {
        HasHeaderRecord = true,
        MissingFieldFound = null,
        BadDataFound = null,
        DetectColumnCountChanges = false,
    };

    private readonly Dictionary<string, int> _index;

    public DataTable(IReadOnlyList<string> columns, IReadOnlyList<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        Columns = columns;
        Rows = rows;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var c = 0; c < columns.Count; c++)
        {
            _index.TryAdd(columns[c], c);
        }
    }

    public static DataTable Empty { get; } = new([], []);

    public IReadOnlyList<string> Columns { get; }

    /// <summary>Every row has a cell per column (padded with blanks when the source was short).</summary>
    public IReadOnlyList<string[]> Rows { get; }

    public int Count => Rows.Count;

    /// <summary>The position of a column, or -1 when the table does not have it.</summary>
    public int IndexOf(string column) => _index.TryGetValue(column, out var index) ? index : -1;

    /// <summary>The cells of one column, top to bottom; blanks for every row when the table lacks the column.</summary>
    public IEnumerable<string> Column(string column)
    {
        var index = IndexOf(column);
        return index < 0 ? Enumerable.Repeat("", Count) : Rows.Select(r => r[index]);
    }

    public static DataTable ReadCsv(string text)
    {
        using var reader = new StringReader(text);
        return ReadCsv(reader);
    }

    /// <summary>Reads CSV with a header line (RFC 4180 quoting).</summary>
    public static DataTable ReadCsv(TextReader text)
    {
        using var csv = new CsvParser(text, Csv);
        if (!csv.Read())
        {
            return Empty;
        }

        var header = csv.Record ?? [];
        var columns = header.Select(h => h.Trim()).ToArray();
        var rows = new List<string[]>();
        while (csv.Read())
        {
            var record = csv.Record;
            if (record is null || record.Length == 0 || (record.Length == 1 && record[0].Length == 0))
            {
                continue;
            }

            var row = new string[columns.Length];
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = c < record.Length ? record[c] : "";
            }

            rows.Add(row);
        }

        return new DataTable(columns, rows);
    }

    /// <summary>The rows of several tables under the union of their columns (in order of first appearance);
    /// a row gets blanks for the columns its table did not have, as when a column was added or renamed.</summary>
    public static DataTable Concat(IEnumerable<DataTable> tables)
    {
        var list = tables.ToList();
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in list.SelectMany(t => t.Columns))
        {
            if (seen.Add(column))
            {
                columns.Add(column);
            }
        }

        var rows = new List<string[]>(list.Sum(t => t.Count));
        foreach (var table in list)
        {
            var map = columns.Select(table.IndexOf).ToArray();
            foreach (var source in table.Rows)
            {
                var row = new string[columns.Count];
                for (var c = 0; c < row.Length; c++)
                {
                    row[c] = map[c] < 0 ? "" : source[map[c]];
                }

                rows.Add(row);
            }
        }

        return new DataTable(columns, rows);
    }

    /// <summary>The last <paramref name="count"/> rows (all of them when there are fewer).</summary>
    public DataTable TakeLast(int count) =>
        count >= Count ? this : new DataTable(Columns, Rows.Skip(Count - count).ToList());
}
