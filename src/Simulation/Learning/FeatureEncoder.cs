namespace PPipe.Simulation.Learning;

/// <summary>
/// The input columns a model was trained on and how each is encoded. Rows are matched by column name, so
/// a column the model does not know is ignored and one it knows but the rows lack is read as missing.
/// </summary>
internal sealed class FeatureEncoder
{
    private readonly ColumnEncoder[] _columns;

    private FeatureEncoder(ColumnEncoder[] columns)
    {
        _columns = columns;
        Width = columns.Sum(c => c.Width) + 1;
    }

    /// <summary>Encoded features per row, the intercept included (the last one).</summary>
    public int Width { get; }

    public IReadOnlyList<string> Columns => [.. _columns.Select(c => c.Name)];

    /// <summary>Chooses an encoding for every column except the id and the target.</summary>
    public static FeatureEncoder Fit(DataTable table, string target, IReadOnlyList<int> rows)
    {
        var columns = new List<ColumnEncoder>();
        for (var c = 0; c < table.Columns.Count; c++)
        {
            var name = table.Columns[c];
            if (name == target || name.Equals("id", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var cells = rows.Select(r => table.Rows[r][c]).ToList();
            if (ColumnEncoder.For(name, cells) is { } encoder)
            {
                columns.Add(encoder);
            }
        }

        return new FeatureEncoder([.. columns]);
    }

    public SparseRows Encode(DataTable table) => Encode(table, [.. Enumerable.Range(0, table.Count)]);

    public SparseRows Encode(DataTable table, IReadOnlyList<int> rows)
    {
        var sources = _columns.Select(c => table.IndexOf(c.Name)).ToArray();
        var dense = new double[Width];
        var starts = new int[rows.Count + 1];
        var indices = new List<int>(rows.Count * 16);
        var values = new List<double>(rows.Count * 16);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = table.Rows[rows[i]];
            var offset = 0;
            for (var c = 0; c < _columns.Length; c++)
            {
                var column = _columns[c];
                column.Encode(sources[c] < 0 ? "" : row[sources[c]], dense.AsSpan(offset, column.Width));
                offset += column.Width;
            }

            dense[Width - 1] = 1;
            for (var f = 0; f < Width; f++)
            {
                if (dense[f] != 0)
                {
                    indices.Add(f);
                    values.Add(dense[f]);
                }
            }

            starts[i + 1] = indices.Count;
        }

        return new SparseRows(Width, starts, [.. indices], [.. values]);
    }
}
