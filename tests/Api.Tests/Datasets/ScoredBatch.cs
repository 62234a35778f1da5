using System.Net.Http.Json;
using System.Text.Json;
using PPipe.TestSupport;

namespace PPipe.Api.Tests.Datasets;

/// <summary>What a student of a scenario over a dataset reads once a batch is scored: the batch and its grade's batch quality.</summary>
internal static class ScoredBatch
{
    /// <summary>Waits (up to a minute) until batch <paramref name="seq"/> is scored; returns it and the grade's <c>batchQuality</c> criterion.</summary>
    public static async Task<(JsonElement Batch, JsonElement Quality)> ReadAsync(HttpClient student, int seq, CancellationToken cancellationToken)
    {
        var batch = await Eventually.ReturnsAsync(
            async () => (await student.GetFromJsonAsync<JsonElement>("/api/v1/batches", cancellationToken)).EnumerateArray()
                .Single(b => b.GetProperty("seq").GetInt32() == seq),
            b => b.GetProperty("status").GetString() == "scored", $"batch {seq} to be scored", TimeSpan.FromSeconds(60), cancellationToken: cancellationToken);
        var grade = await student.GetFromJsonAsync<JsonElement>("/api/v1/grade", cancellationToken);
        return (batch, grade.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "batchQuality"));
    }
}
