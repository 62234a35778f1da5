using PPipe.Scenarios.Generation;
using PPipe.Scenarios.Output;

namespace PPipe.Scenarios.Tests;

/// <summary>Generated rows loaded for analysis: values by column name, plus each row's truth.</summary>
internal sealed class Table
{
    private readonly Dictionary<string, int> _columns;

    private Table(IReadOnlyList<Column> columns, List<double[]> rows, List<string> ids, List<TimeSpan> times, List<RowTruth> truths)
    {
        Columns = columns;
        _columns = columns.Select((c, i) => (c.Name, i)).ToDictionary(x => x.Name, x => x.i);
        Rows = rows;
        Ids = ids;
        Times = times;
        Truths = truths;
    }

    public IReadOnlyList<Column> Columns { get; }

    public List<double[]> Rows { get; }

    public List<string> Ids { get; }

    public List<TimeSpan> Times { get; }

    public List<RowTruth> Truths { get; }

    public int Count => Rows.Count;

    public static Table Load(GeneratedRowReader reader)
    {
        var rows = new List<double[]>();
        var ids = new List<string>();
        var times = new List<TimeSpan>();
        var truths = new List<RowTruth>();
        while (reader.Read())
        {
            var values = new double[reader.Columns.Count];
            for (var c = 0; c < values.Length; c++)
            {
                values[c] = reader.GetValue(c);
            }

            rows.Add(values);
            ids.Add(reader.Id.ToString());
            times.Add(reader.Elapsed);
            truths.Add(reader.Truth);
        }

        return new Table(reader.Columns, rows, ids, times, truths);
    }

    public bool Has(string column) => _columns.ContainsKey(column);

    public double[] Column(string name) => [.. Rows.Select(r => r[_columns[name]])];

    public double Value(int row, string column) => Rows[row][_columns[column]];

    /// <summary>The category text of a categorical column's value.</summary>
    public string Category(int row, string column) => Columns[_columns[column]].Categories[(int)Value(row, column)];

    public double[] Actual => [.. Truths.Select(t => t.Actual)];
}
