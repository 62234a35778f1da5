namespace PPipe.ReferenceModels;

/// <summary>
/// The features encoded once for every fit, as the floats FastTree reads. A number is rescaled to 0..1 over the table
/// (so a large offset costs no float precision) and a missing one becomes -1, below every real value, so one split sets
/// the missing rows apart without relying on how the trainer routes NaN. A category becomes one indicator per level
/// for its <see cref="IndicatorLevels"/> most frequent levels, plus its index as a number when it has more levels than
/// that (missing: -1); an index seen in no other row simply matches no indicator. Columns that never vary are dropped.
/// </summary>
internal sealed class FeatureMatrix
{
    public const int IndicatorLevels = 8;

    private readonly float[] _values;

    private FeatureMatrix(float[] values, int rowCount, int width)
    {
        _values = values;
        RowCount = rowCount;
        Width = width;
    }

    public int RowCount { get; }

    /// <summary>The encoded columns; 0 when no feature varies.</summary>
    public int Width { get; }

    public ReadOnlySpan<float> Row(int row) => _values.AsSpan(row * Width, Width);

    /// <summary>Whether some encoded column takes two different values among <paramref name="rows"/>.</summary>
    public bool VariesOver(ReadOnlySpan<int> rows)
    {
        if (rows.Length < 2)
        {
            return false;
        }

        var first = Row(rows[0]);
        for (var i = 1; i < rows.Length; i++)
        {
            if (!Row(rows[i]).SequenceEqual(first))
            {
                return true;
            }
        }

        return false;
    }

    public static FeatureMatrix Encode(IReadOnlyList<ReferenceColumn> columns, int rowCount)
    {
        var encoded = new List<float[]>();
        foreach (var column in columns)
        {
            if (column.IsCategory)
            {
                EncodeCategory(column.Values, encoded);
            }
            else
            {
                EncodeNumber(column.Values, encoded);
            }
        }

        var width = encoded.Count;
        var values = new float[rowCount * width];
        for (var c = 0; c < width; c++)
        {
            var source = encoded[c];
            for (var r = 0; r < rowCount; r++)
            {
                values[r * width + c] = source[r];
            }
        }

        return new FeatureMatrix(values, rowCount, width);
    }

    private static void EncodeNumber(double[] values, List<float[]> encoded)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        var missing = false;
        foreach (var value in values)
        {
            if (double.IsFinite(value))
            {
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }
            else
            {
                missing = true;
            }
        }

        if (min > max || (min == max && !missing))
        {
            return;
        }

        var range = max - min;
        var column = new float[values.Length];
        for (var r = 0; r < values.Length; r++)
        {
            var value = values[r];
            column[r] = !double.IsFinite(value) ? -1f : range > 0 ? (float)((value - min) / range) : 0f;
        }

        encoded.Add(column);
    }

    private static void EncodeCategory(double[] values, List<float[]> encoded)
    {
        var counts = new Dictionary<int, int>();
        var missing = false;
        foreach (var value in values)
        {
            if (double.IsNaN(value))
            {
                missing = true;
            }
            else
            {
                counts[(int)value] = counts.GetValueOrDefault((int)value) + 1;
            }
        }

        if (counts.Count + (missing ? 1 : 0) < 2)
        {
            return;
        }

        var levels = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Take(IndicatorLevels).Select(c => c.Key).ToArray();
        foreach (var level in levels)
        {
            var column = new float[values.Length];
            for (var r = 0; r < values.Length; r++)
            {
                column[r] = values[r] == level ? 1f : 0f;
            }

            encoded.Add(column);
        }

        if (counts.Count > IndicatorLevels)
        {
            var index = new float[values.Length];
            for (var r = 0; r < values.Length; r++)
            {
                index[r] = double.IsNaN(values[r]) ? -1f : (float)values[r];
            }

            encoded.Add(index);
        }
    }
}
