using System.Text.Json;

namespace PPipe.Scenarios.Output;

/// <summary>Writes the current row of a reader as one JSON object; numbers carry the same digits as in CSV,
/// missing values are <c>null</c>. A forecast probe's row also carries its series' recent values: <c>origin</c>, the
/// time of the last of them, and <c>history</c>, oldest first (see <see cref="ProbeHistory"/>).</summary>
internal static class JsonRowFormat
{
    public static void WriteObject(Utf8JsonWriter json, RowReader rows, bool includeId)
    {
        var columns = rows.Columns;
        Span<byte> buffer = stackalloc byte[ValueText.MaxValueBytes];
        json.WriteStartObject();
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            switch (column.Kind)
            {
                case ColumnKind.Id:
                    if (includeId)
                    {
                        rows.Id.TryFormat(buffer, out var idLength);
                        json.WriteString(column.JsonName, buffer[..idLength]);
                    }

                    break;
                case ColumnKind.Timestamp:
                    ValueText.TryFormatTimestamp(rows.Timestamp, buffer, out var timestampLength);
                    json.WriteString(column.JsonName, buffer[..timestampLength]);
                    break;
                default:
                    var value = rows.GetValue(c);
                    if (double.IsNaN(value))
                    {
                        json.WriteNull(column.JsonName);
                    }
                    else if (column.Kind == ColumnKind.Category)
                    {
                        json.WriteString(column.JsonName, column.JsonCategories[(int)value]);
                    }
                    else if (ValueText.TryFormatNumber(value, column, buffer, out var length))
                    {
                        json.WritePropertyName(column.JsonName);
                        json.WriteRawValue(buffer[..length], skipInputValidation: true);
                    }
                    else
                    {
                        json.WriteNumber(column.JsonName, Math.Round(value, column.Decimals));
                    }

                    break;
            }
        }

        if (rows.History is { } history)
        {
            ValueText.TryFormatTimestamp(history.Last, buffer, out var lastLength);
            json.WriteString("origin", buffer[..lastLength]);
            json.WriteStartArray("history");
            foreach (var value in history.Values)
            {
                json.WriteNumberValue(value);
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }
}
