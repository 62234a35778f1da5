using System.Text.Json;

namespace PPipe.Scenarios.Output;

/// <summary>Writes the current row of a reader as one JSON object; numbers carry the same digits as in CSV,
/// missing values are <c>null</c>.</summary>
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

        json.WriteEndObject();
    }
}
