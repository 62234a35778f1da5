namespace PPipe.Simulation.Learning;

/// <summary>
/// A number, standardized; for a non-negative column with more than two values also its standardized
/// logarithm (amounts, distances and counts are often better read on a log scale); and a missing
/// indicator when the training data had blanks. Missing values take the training mean. Standardized
/// values are clipped so that a wildly shifted input cannot produce a wild prediction.
/// </summary>
internal sealed class NumericColumn : ColumnEncoder
{
    private const double Clip = 8;
    private const int Bins = 10;

    private readonly double _mean;
    private readonly double _scale;
    private readonly bool _hasLog;
    private readonly double _logMean;
    private readonly double _logScale;
    private readonly bool _hasMissing;
    private readonly double[] _edges;

    private NumericColumn(string name, double mean, double scale, bool hasLog, double logMean, double logScale, bool hasMissing, double[] edges)
        : base(name)
    {
        _edges = edges;
        _mean = mean;
        _scale = scale;
        _hasLog = hasLog;
        _logMean = logMean;
        _logScale = logScale;
        _hasMissing = hasMissing;
        Width = 1 + (hasLog ? 1 : 0) + (hasMissing ? 1 : 0) + (edges.Length > 0 ? edges.Length + 1 : 0);
    }

    public override int Width { get; }

    public static NumericColumn? Fit(string name, IReadOnlyList<string> cells)
    {
        var values = new List<double>(cells.Count);
        foreach (var cell in cells)
        {
            if (TryNumber(cell, out var value))
            {
                values.Add(value);
            }
        }

        var (mean, sd) = Moments(values);
        if (sd < 1e-12)
        {
            return null; // a constant says nothing
        }

        var min = values.Min();
        var hasLog = min >= 0 && values.Distinct().Take(3).Count() > 2;
        var (logMean, logSd) = hasLog ? Moments(values.Select(v => Math.Log(1 + v)).ToList()) : (0, 0);
        hasLog &= logSd > 1e-12;
        return new NumericColumn(name, mean, sd, hasLog, logMean, hasLog ? logSd : 1, hasMissing: values.Count < cells.Count, Edges(values));
    }

    public override void Encode(string cell, Span<double> destination)
    {
        var i = 0;
        if (TryNumber(cell, out var value))
        {
            destination[i++] = Math.Clamp((value - _mean) / _scale, -Clip, Clip);
            if (_hasLog)
            {
                destination[i++] = Math.Clamp((Math.Log(1 + Math.Max(0, value)) - _logMean) / _logScale, -Clip, Clip);
            }

            if (_hasMissing)
            {
                destination[i++] = 0;
            }

            if (_edges.Length > 0)
            {
                var bins = destination.Slice(i, _edges.Length + 1);
                bins.Clear();
                var bin = Array.BinarySearch(_edges, value);
                bins[bin >= 0 ? bin + 1 : ~bin] = 1;
            }
        }
        else
        {
            destination[i++] = 0;
            if (_hasLog)
            {
                destination[i++] = 0;
            }

            if (_hasMissing)
            {
                destination[i++] = 1;
            }

            destination[i..].Clear();
        }
    }

    /// <summary>Decile edges (distinct), for a one-hot of the bin a value falls in: a linear model then follows thresholds
    /// and bends (a fee under 3 EUR, a sagging voltage) that a single slope cannot. None for two-valued columns.</summary>
    private static double[] Edges(List<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length < 20 || sorted[0] == sorted[^1])
        {
            return [];
        }

        var edges = new SortedSet<double>();
        for (var k = 1; k < Bins; k++)
        {
            var edge = sorted[k * sorted.Length / Bins];
            if (edge > sorted[0])
            {
                edges.Add(edge);
            }
        }

        return edges.Count < 2 ? [] : [.. edges];
    }

    private static (double Mean, double Sd) Moments(List<double> values)
    {
        if (values.Count == 0)
        {
            return (0, 0);
        }

        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        return (mean, Math.Sqrt(variance));
    }
}
