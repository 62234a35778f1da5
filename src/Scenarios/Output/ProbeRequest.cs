using System.Buffers;
using System.Text.Json;

namespace PPipe.Scenarios.Output;

/// <summary>
/// The body the platform posts to a student's endpoint: <c>{"instances": [{"feature": value, ...}, ...]}</c>
/// with every published column but the id, in the reader's order (the order predictions must come back in). For a
/// forecast, each instance also carries <c>origin</c> and <c>history</c>: the recent values of its series.
/// </summary>
public static class ProbeRequest
{
    public static void Write(RowReader rows, IBufferWriter<byte> destination)
    {
        using var json = new Utf8JsonWriter(destination);
        json.WriteStartObject();
        json.WriteStartArray("instances");
        while (rows.Read())
        {
            JsonRowFormat.WriteObject(json, rows, includeId: false);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static byte[] ToBytes(RowReader rows)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(rows, buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
