namespace PPipe.Scenarios.Output;

/// <summary>
/// Rows held in memory: for previews (the first rows of a release in the instructor's UI), tests, and as
/// the benchmark's baseline of pre-built rows. Not for whole releases on a hot path — stream those.
/// </summary>
public sealed class RowTable
{
    private readonly RowId[] _ids;
    private readonly DateTimeOffset[] _timestamps;
    private readonly double[] _values;

    private RowTable(IReadOnlyList<Column> columns, RowId[] ids, DateTimeOffset[] timestamps, double[] values)
    {
        Columns = columns;
        _ids = ids;
        _timestamps = timestamps;
        _values = values;
    }

    public IReadOnlyList<Column> Columns { get; }

    public int Count => _ids.Length;

    /// <summary>Reads up to <paramref name="maxRows"/> rows from <paramref name="rows"/> into memory.</summary>
    public static RowTable Load(RowReader rows, int maxRows = int.MaxValue)
    {
        var columns = rows.Columns;
        var ids = new List<RowId>();
        var timestamps = new List<DateTimeOffset>();
        var values = new List<double>();
        while (ids.Count < maxRows && rows.Read())
        {
            ids.Add(rows.Id);
            timestamps.Add(rows.Timestamp);
            for (var c = 0; c < columns.Count; c++)
            {
                values.Add(columns[c].Kind is ColumnKind.Number or ColumnKind.Category ? rows.GetValue(c) : double.NaN);
            }
        }

        return new RowTable(columns, [.. ids], [.. timestamps], [.. values]);
    }

    public RowId IdAt(int row) => _ids[row];

    public DateTimeOffset TimestampAt(int row) => _timestamps[row];

    public double ValueAt(int row, int column) => _values[row * Columns.Count + column];

    /// <summary>A reader over the held rows, from the first.</summary>
    public RowReader OpenReader() => new TableReader(this);

    private sealed class TableReader(RowTable table) : RowReader
    {
        private int _row = -1;

        public override IReadOnlyList<Column> Columns => table.Columns;

        public override RowId Id => table._ids[_row];

        public override DateTimeOffset Timestamp => table._timestamps[_row];

        public override bool Read() => ++_row < table.Count;

        public override double GetValue(int column) => table.ValueAt(_row, column);
    }
}
