using System.Globalization;

namespace PPipe.Simulation.Learning;

/// <summary>Turns the cells of one input column into model features: a fixed number of numbers per cell,
/// with a blank (or unreadable) cell encoded as missing.</summary>
internal abstract class ColumnEncoder(string name)
{
    public string Name => name;

    /// <summary>How many features the column contributes.</summary>
    public abstract int Width { get; }

    /// <summary>Writes the features of one cell into <paramref name="destination"/> (length <see cref="Width"/>).</summary>
    public abstract void Encode(string cell, Span<double> destination);

    /// <summary>Fits the encoding that suits the column's training cells, or null when nothing useful can be learnt from it.</summary>
    public static ColumnEncoder? For(string name, IReadOnlyList<string> cells)
    {
        var present = cells.Where(c => !IsBlank(c)).ToList();
        if (present.Count == 0)
        {
            return null;
        }

        if (present.All(c => TryNumber(c, out _)))
        {
            return NumericColumn.Fit(name, cells);
        }

        if (present.All(c => TryTimestamp(c, out _)))
        {
            return TimestampColumn.Fit(name, present);
        }

        return CategoryColumn.Fit(name, cells);
    }

    public static bool IsBlank(string cell) => string.IsNullOrWhiteSpace(cell);

    public static bool TryNumber(string cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>ISO 8601 dates and times (<c>2026-12-01T09:00:00Z</c>, <c>2026-12-01</c>), read as UTC.</summary>
    public static bool TryTimestamp(string cell, out DateTimeOffset value)
    {
        value = default;
        var text = cell.Trim();
        return text.Length >= 10 && text[4] == '-' && text[7] == '-'
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }
}
