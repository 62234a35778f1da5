using System.Globalization;

namespace PPipe.Cluster.Soak.Report;

/// <summary>Number formatting and small statistics for the report.</summary>
public static class Figures
{
    public static string N(double value, int decimals = 0) =>
        double.IsFinite(value) ? value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "–";

    public static string N(double? value, int decimals = 0) => value is { } v ? N(v, decimals) : "–";

    public static string Ms(double value) => double.IsFinite(value) ? value < 10 ? N(value, 1) : N(value) : "–";

    public static string Percent(double part, double whole) => whole > 0 ? N(100.0 * part / whole, 2) + " %" : "–";

    public static string MiB(long? kib) => kib is { } k ? N(k / 1024.0) : "–";

    /// <summary>The q-quantile (0..1) of values, nearest rank; NaN when empty.</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.OrderBy(v => v).ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static string Seconds(double value) => double.IsFinite(value) ? N(value, value < 10 ? 2 : 1) + " s" : "–";
}
