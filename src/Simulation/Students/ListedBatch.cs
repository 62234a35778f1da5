using System.Globalization;
using System.Text.Json;

namespace PPipe.Simulation.Students;

/// <summary>A prediction window as <c>GET /api/v1/batches</c> lists it (wall times; null while the cohort is paused).</summary>
internal sealed record ListedBatch(int Seq, string Status, DateTimeOffset? OpensAt, DateTimeOffset? DueAt)
{
    public bool IsOpen => Status == "open";

    public bool IsClosed => Status is "closed" or "scored";

    public static IReadOnlyList<ListedBatch> ParseList(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var list = root.ValueKind == JsonValueKind.Array ? root
            : root.TryGetProperty("batches", out var batches) ? batches
            : default;
        if (list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. list.EnumerateArray().Select(b => new ListedBatch(
            b.GetProperty("seq").GetInt32(),
            b.TryGetProperty("status", out var status) ? status.GetString() ?? "" : "",
            Time(b, "opensAt"),
            Time(b, "dueAt")))];
    }

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;
}
