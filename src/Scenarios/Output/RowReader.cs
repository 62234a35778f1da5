using System.Globalization;

namespace PPipe.Scenarios.Output;

/// <summary>
/// A forward-only cursor over rows, like a data reader: call <see cref="Read"/>, then read the current
/// row's values. Generated rows are produced one at a time, so a reader never holds a whole release.
/// </summary>
public abstract class RowReader
{
    /// <summary>The columns every row has, in order.</summary>
    public abstract IReadOnlyList<Column> Columns { get; }

    /// <summary>Moves to the next row; false when there is none.</summary>
    public abstract bool Read();

    public abstract RowId Id { get; }

    /// <summary>The row's event time (scenario time).</summary>
    public abstract DateTimeOffset Timestamp { get; }

    /// <summary>The value of a <see cref="ColumnKind.Number"/> column, or the category index of a
    /// <see cref="ColumnKind.Category"/> column; NaN when the value is missing.</summary>
    public abstract double GetValue(int column);

    /// <summary>For a row of a forecast probe, the recent history of its series that the endpoint receives with it; null otherwise.</summary>
    public virtual ProbeHistory? History => null;

    public bool IsMissing(int column) => Columns[column].Kind is ColumnKind.Number or ColumnKind.Category && double.IsNaN(GetValue(column));

    /// <summary>The value as it is published ("" when missing).</summary>
    public string GetText(int column)
    {
        var definition = Columns[column];
        switch (definition.Kind)
        {
            case ColumnKind.Id:
                return Id.ToString();
            case ColumnKind.Timestamp:
                return Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        }

        var value = GetValue(column);
        if (double.IsNaN(value))
        {
            return "";
        }

        return definition.Kind == ColumnKind.Category
            ? definition.Categories[(int)value]
            : ValueText.Number(value, definition).ToString(definition.NumberFormat, CultureInfo.InvariantCulture);
    }
}
