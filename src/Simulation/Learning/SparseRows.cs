namespace PPipe.Simulation.Learning;

/// <summary>
/// Encoded rows in compressed sparse row form, with the intercept as the last feature of every row.
/// One-hot features are mostly zero, so sums over the non-zero entries make fitting cheap.
/// </summary>
internal sealed class SparseRows(int width, int[] starts, int[] indices, double[] values)
{
    /// <summary>Features per row, the intercept included.</summary>
    public int Width => width;

    public int Count => starts.Length - 1;

    public ReadOnlySpan<int> IndicesOf(int row) => indices.AsSpan(starts[row], starts[row + 1] - starts[row]);

    public ReadOnlySpan<double> ValuesOf(int row) => values.AsSpan(starts[row], starts[row + 1] - starts[row]);

    /// <summary>The dot product of a row with <paramref name="weights"/>.</summary>
    public double Dot(int row, ReadOnlySpan<double> weights)
    {
        var sum = 0.0;
        var index = IndicesOf(row);
        var value = ValuesOf(row);
        for (var k = 0; k < index.Length; k++)
        {
            sum += value[k] * weights[index[k]];
        }

        return sum;
    }

    /// <summary>Adds <c>weight · x xᵀ</c> of every row to the upper triangle of <paramref name="matrix"/> (row-major, Width²).</summary>
    public void AddGram(ReadOnlySpan<double> rowWeights, Span<double> matrix)
    {
        for (var r = 0; r < Count; r++)
        {
            var weight = rowWeights.IsEmpty ? 1 : rowWeights[r];
            var index = IndicesOf(r);
            var value = ValuesOf(r);
            for (var a = 0; a < index.Length; a++)
            {
                var scaled = weight * value[a];
                var offset = index[a] * width;
                for (var b = a; b < index.Length; b++)
                {
                    matrix[offset + index[b]] += scaled * value[b];
                }
            }
        }
    }

    /// <summary>Adds <c>Σ coefficient_r · x_r</c> to <paramref name="vector"/>.</summary>
    public void AddWeighted(ReadOnlySpan<double> coefficients, Span<double> vector)
    {
        for (var r = 0; r < Count; r++)
        {
            var index = IndicesOf(r);
            var value = ValuesOf(r);
            for (var k = 0; k < index.Length; k++)
            {
                vector[index[k]] += coefficients[r] * value[k];
            }
        }
    }
}
