using System.Text.Json;

namespace PPipe.Simulation.Students;

/// <summary>A release as the release list names it: sequence number, channel, rows and where to read it.</summary>
internal sealed record ListedRelease(int Seq, string Channel, int Rows, string? CsvLink, string? ObjectKey)
{
    public static IReadOnlyList<ListedRelease> ParseList(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("releases", out var releases) || releases.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. releases.EnumerateArray().Select(r =>
        {
            string? csv = null, key = null;
            if (r.TryGetProperty("links", out var links) && links.ValueKind == JsonValueKind.Object)
            {
                csv = links.TryGetProperty("csv", out var c) ? c.GetString() : null;
                key = links.TryGetProperty("s3", out var s) ? s.GetString() : null;
            }

            return new ListedRelease(
                r.GetProperty("seq").GetInt32(),
                r.TryGetProperty("channel", out var channel) ? channel.GetString() ?? "api" : "api",
                r.TryGetProperty("rows", out var rows) && rows.ValueKind == JsonValueKind.Number ? rows.GetInt32() : 0,
                csv,
                key);
        })];
    }
}
