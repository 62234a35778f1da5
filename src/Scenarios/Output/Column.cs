using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PPipe.Scenarios.Output;

/// <summary>
/// One published column: its current <see cref="Name"/> (after renames), what it holds and how it is
/// written. <see cref="SourceName"/> is the name in the template (the same unless renamed). Encoded
/// forms of the name and categories are prepared once, so writers never allocate per value.
/// </summary>
public sealed class Column
{
    internal Column(string name, ColumnRole role, ColumnKind kind, int decimals, ImmutableArray<string> categories, string sourceName, int source)
    {
        Name = name;
        Role = role;
        Kind = kind;
        Decimals = decimals;
        Categories = categories.IsDefault ? [] : categories;
        SourceName = sourceName;
        Source = source;
        CsvName = Encoding.UTF8.GetBytes(CsvText.Escape(name));
        JsonName = JsonEncodedText.Encode(name);
        CsvCategories = [.. Categories.Select(c => Encoding.UTF8.GetBytes(CsvText.Escape(c)))];
        JsonCategories = [.. Categories.Select(c => JsonEncodedText.Encode(c))];
        NumberFormat = "F" + decimals.ToString(CultureInfo.InvariantCulture);
        HalfUnit = double.Parse("5E-" + (decimals + 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    public string Name { get; }

    public ColumnRole Role { get; }

    public ColumnKind Kind { get; }

    /// <summary>Decimals a number is written with.</summary>
    public int Decimals { get; }

    public ImmutableArray<string> Categories { get; }

    public string SourceName { get; }

    /// <summary>Index of the feature or added column the values come from.</summary>
    internal int Source { get; }

    internal byte[] CsvName { get; }

    internal JsonEncodedText JsonName { get; }

    internal byte[][] CsvCategories { get; }

    internal JsonEncodedText[] JsonCategories { get; }

    internal string NumberFormat { get; }

    /// <summary>Numbers smaller than this in magnitude print as zero; used to avoid "-0.00".</summary>
    internal double HalfUnit { get; }

    public override string ToString() => Name;
}
